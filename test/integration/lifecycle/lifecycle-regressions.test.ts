import { startPrivateRuntime, type PrivateRuntime } from '../../support/private-runtime';
import { emulatorSystem, fixedSequence, newCounts, runSequence } from './lifecycle';
import { REGRESSIONS } from './regressions';

/**
 * Shrunk counterexamples the lifecycle model found for the bugs of issue 10, each kept as a fixed
 * sequence that must run clean, every step executed and every invariant checked.
 */
describe('lifecycle model: regression sequences', () => {
  let runtime: PrivateRuntime;
  beforeAll(async () => {
    runtime = await startPrivateRuntime();
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it.each(REGRESSIONS.filter((r) => !r.modelCorrection).map((r) => [r.name, r] as const))(
    '%s',
    async (_name, regression) => {
      // Prepare
      const counts = newCounts();

      // Act
      const run = runSequence(emulatorSystem(runtime), fixedSequence(regression.specs, counts), counts);

      // Assess: clean, every step run
      await expect(run).resolves.toBeUndefined();
      expect(counts.steps).toBe(regression.specs.length);
    },
    300_000,
  );
});
