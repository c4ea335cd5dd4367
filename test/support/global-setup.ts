export default async function globalSetup(): Promise<void> {
  throw new Error('the emulator harness is not built yet');
}
