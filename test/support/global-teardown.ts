/** Stops the local stack global-setup.ts started; it takes its emulators down with it. */
export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__LETHE_LOCAL_STACK__;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  globalThis.__LETHE_LOCAL_STACK__ = undefined;
}
