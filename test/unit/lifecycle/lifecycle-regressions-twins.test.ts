import { fixedSequence, type LifecycleSystem, newCounts, runSequence } from '../../integration/lifecycle/lifecycle';
import { REGRESSIONS } from '../../integration/lifecycle/regressions';
import { twinSystem } from '../../integration/lifecycle/twin-system';

/** The lifecycle model's kept counterexamples, replayed on the in-memory twins as on the emulators. */
describe('lifecycle model on the in-memory twins: regression sequences', () => {
  let system: LifecycleSystem;
  beforeAll(async () => {
    system = await twinSystem();
  }, 120_000);

  it.each(REGRESSIONS.map((r) => [r.name, r] as const))('%s', async (_name, regression) => {
    // Prepare
    const counts = newCounts();

    // Act
    const run = runSequence(system, fixedSequence(regression.specs, counts), counts);

    // Assess: clean, every step run
    await expect(run).resolves.toBeUndefined();
    expect(counts.steps).toBe(regression.specs.length);
  });
});
