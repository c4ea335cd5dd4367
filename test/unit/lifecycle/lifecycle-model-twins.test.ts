import fc from 'fast-check';
import { commandsArbitrary, type LifecycleSystem, newCounts, runSequence } from '../../integration/lifecycle/lifecycle';
import { twinSystem } from '../../integration/lifecycle/twin-system';

/**
 * The lifecycle model of issue 10 against the in-memory twins: the same commands and invariants
 * as against the emulators, the same handlers in this process, so sequences cost milliseconds.
 * `npm test` replays a fixed seed; `npm run soak:lifecycle:twins` runs LIFECYCLE_RUNS sequences
 * (10,000 by default) from LIFECYCLE_SEED (`random` draws one and prints it on failure).
 */
const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 150);
const STEPS = Number(process.env.LIFECYCLE_STEPS ?? 22);
const BOUNDED_SEED = 20261205;
/** `random` draws a seed here, so a clean soak can say which sequences it ran (fast-check prints it on failure). */
const SEED =
  process.env.LIFECYCLE_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.LIFECYCLE_SEED ?? BOUNDED_SEED);
/** A long run reports its progress every this many sequences. */
const PROGRESS_EVERY = 500;

describe('lifecycle model against the in-memory twins', () => {
  let system: LifecycleSystem;
  beforeAll(async () => {
    system = await twinSystem();
  }, 120_000);

  it(
    `${RUNS} random sequences of up to ${STEPS} steps keep every invariant after every step`,
    async () => {
      // Prepare
      const counts = newCounts();
      const started = Date.now();

      // Act / Assess: each step checks the invariants; fast-check shrinks a failing sequence to its core
      await fc.assert(
        fc.asyncProperty(commandsArbitrary(counts, STEPS), async (commands) => {
          await runSequence(system, commands, counts, { maxSteps: STEPS });
          if (counts.sequences % PROGRESS_EVERY === 0)
            process.stdout.write(
              `lifecycle (twins) seed ${SEED}: ${counts.sequences} sequences, ${counts.steps} steps\n`,
            );
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: process.env.LIFECYCLE_SHRINK !== '1' },
      );

      // Assess: the run did what it says
      process.stdout.write(
        `lifecycle (twins): ${JSON.stringify({ seed: SEED, ...counts, seconds: Math.round((Date.now() - started) / 1000) })}\n`,
      );
      expect(counts.sequences).toBeGreaterThanOrEqual(RUNS);
      expect(counts.invariantChecks).toBeGreaterThan(counts.steps);
    },
    RUNS * STEPS * 1_000,
  );
});
