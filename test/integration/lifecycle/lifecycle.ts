import fc from 'fast-check';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import type { PrivateRuntime } from '../../support/private-runtime';
import { describeSpec, rowOf, type Kind, type Real, type Spec } from './commands';
import { INVARIANTS, type Observed } from './invariants';
import { newModel, type LifecycleModel, type Preset, type SubjectModel } from './model';
import { readRawStorage, type RawStorageReader } from './raw-storage';
import { httpGateway, LethePlatform } from './system';

/**
 * Runs command sequences against the model and the real system: fresh tenants per sequence,
 * invariants after every step on the tenants it touched, and on everything at the end.
 */
export const PRESETS: readonly Preset[] = ['puzzel', 'iadvize'];
export const SUBJECTS_PER_TENANT = 3;

export interface Counts {
  sequences: number;
  steps: number;
  byKind: Partial<Record<Kind, number>>;
  /** Seconds spent in the commands of each kind (what a new command costs the bounded run). */
  secondsByKind: Partial<Record<Kind, number>>;
  invariantChecks: number;
  /** Time spent in commands and in invariant checks (raw scans included). */
  commandSeconds: number;
  invariantSeconds: number;
}

export const newCounts = (): Counts => ({
  sequences: 0,
  steps: 0,
  byKind: {},
  secondsByKind: {},
  invariantChecks: 0,
  commandSeconds: 0,
  invariantSeconds: 0,
});

const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

function poolSubject(preset: Preset, n: number): SubjectModel {
  const tag = letters(10);
  return {
    email: `p${n}.${tag}@example.org`,
    phone: preset === 'puzzel' ? `+46709${digits(6)}` : `+33612${digits(6)}`,
    name: `Zora${tag.slice(0, 5)} Quill${tag.slice(5)}`,
    forgotten: false,
    erasurePending: [],
    restricted: false,
  };
}

/** One sequence's system: its platform, the composition root the invariants read through, and its raw storage. */
export interface SystemRun {
  platform: LethePlatform;
  container: Container;
  readRaw: RawStorageReader;
}

/**
 * A system the model runs against: the handlers on the emulators behind a private runtime
 * (emulatorSystem), or the same handlers in process on the in-memory twins (twin-system.ts).
 * `begin` readies it for a fresh sequence, its clock set to the real time.
 */
export interface LifecycleSystem {
  begin(): Promise<SystemRun>;
}

export const emulatorSystem = (runtime: PrivateRuntime): LifecycleSystem => ({
  async begin() {
    runtime.clock.set(new Date());
    return {
      platform: new LethePlatform(httpGateway(runtime)),
      container: buildContainer({ clock: runtime.clock }, parseRuntimeConfig(process.env)),
      readRaw: readRawStorage,
    };
  },
});

export interface World {
  model: LifecycleModel;
  real: Real;
  container: Container;
  readRaw: RawStorageReader;
}

export async function newWorld(system: LifecycleSystem, maxSteps?: number): Promise<World> {
  const { platform, container, readRaw } = await system.begin();
  const handles = [];
  for (const preset of PRESETS) handles.push(await platform.createTenant(preset));
  const model = newModel(
    platform.now(),
    PRESETS.map((preset) => ({
      preset,
      subjects: Array.from({ length: SUBJECTS_PER_TENANT }, (_, n) => poolSubject(preset, n)),
      terminated: false,
    })),
    maxSteps,
  );
  let n = 0;
  const run = letters(6);
  return { model, real: { platform, handles, token: () => `tok${run}${letters(4)}${n++}` }, container, readRaw };
}

/** Runs every invariant; throws naming the broken ones. */
export async function checkInvariants(
  w: World,
  tenants: readonly number[],
  counts: Counts,
  after: string,
  scope: 'touched' | 'everything' = 'touched',
): Promise<void> {
  w.model.now = w.real.platform.now();
  // A fresh vault each time (over the same stores and keys): a cached data key would open what erasure has shredded.
  const { vault } = buildContainer({ ...w.container, vault: undefined }, w.container.config);
  const things = await w.readRaw(
    vault,
    scope === 'everything' ? undefined : tenants.map((t) => w.real.handles[t].tenantId),
  );
  const observed: Observed = {
    model: w.model,
    things,
    tenants,
    handles: w.real.handles,
    platform: w.real.platform,
    container: w.container,
  };
  const broken: string[] = [];
  for (const [name, invariant] of Object.entries(INVARIANTS)) {
    counts.invariantChecks += 1;
    const problems = await invariant(observed);
    if (problems.length) broken.push(`${name}:\n    ${problems.slice(0, 8).join('\n    ')}`);
  }
  if (broken.length) throw new Error(`invariant broken after ${after}:\n  ${broken.join('\n  ')}`);
}

/** One step: the command against model and system, then the invariants on what it touched. */
export class Step implements fc.AsyncCommand<LifecycleModel, World> {
  constructor(
    readonly spec: Spec,
    private readonly counts: Counts,
  ) {}

  check(m: Readonly<LifecycleModel>): boolean {
    return m.steps < m.maxSteps && rowOf(this.spec).applies(m as LifecycleModel, this.spec);
  }

  async run(m: LifecycleModel, w: World): Promise<void> {
    m.now = w.real.platform.now();
    m.touched.clear();
    m.steps += 1;
    if ('tenant' in this.spec) m.touched.add(this.spec.tenant);
    const started = Date.now();
    await rowOf(this.spec).run(m, w.real, this.spec);
    const ran = Date.now();
    this.counts.commandSeconds += (ran - started) / 1000;
    this.counts.steps += 1;
    this.counts.byKind[this.spec.kind] = (this.counts.byKind[this.spec.kind] ?? 0) + 1;
    this.counts.secondsByKind[this.spec.kind] =
      (this.counts.secondsByKind[this.spec.kind] ?? 0) + (ran - started) / 1000;
    await checkInvariants(w, [...m.touched], this.counts, this.toString());
    this.counts.invariantSeconds += (Date.now() - ran) / 1000;
  }

  toString(): string {
    return describeSpec(this.spec);
  }
}

const tenant = fc.integer({ min: 0, max: PRESETS.length - 1 });
const subject = fc.integer({ min: 0, max: SUBJECTS_PER_TENANT - 1 });
const pick = fc.nat({ max: 20 });

/** Commands in the proportions of a contact centre's life: mostly writes and reads, now and then a request, rarely the end. */
export function specArbitrary(): fc.Arbitrary<Spec> {
  const bySubject = (kind: 'ingest' | 'export' | 'holdSubject' | 'erase' | 'anonymise' | 'rectify' | 'restrict') =>
    fc.record({ kind: fc.constant(kind), tenant, subject });
  const byPick = (
    kind:
      | 'message'
      | 'record'
      | 'play'
      | 'bulkDownload'
      | 'holdInteraction'
      | 'release'
      | 'deleteTranscript'
      | 'deleteRecording'
      | 'bulkDelete'
      | 'forgetPrefixes',
  ) => fc.record({ kind: fc.constant(kind), tenant, pick });
  return fc.oneof(
    { arbitrary: bySubject('ingest'), weight: 6 },
    { arbitrary: byPick('message'), weight: 5 },
    { arbitrary: byPick('record'), weight: 4 },
    { arbitrary: byPick('play'), weight: 3 },
    { arbitrary: byPick('bulkDownload'), weight: 2 },
    { arbitrary: bySubject('export'), weight: 2 },
    { arbitrary: byPick('holdInteraction'), weight: 2 },
    { arbitrary: bySubject('holdSubject'), weight: 1 },
    { arbitrary: byPick('release'), weight: 2 },
    { arbitrary: bySubject('erase'), weight: 2 },
    { arbitrary: bySubject('anonymise'), weight: 1 },
    { arbitrary: bySubject('rectify'), weight: 1 },
    { arbitrary: bySubject('restrict'), weight: 1 },
    { arbitrary: byPick('deleteTranscript'), weight: 2 },
    { arbitrary: byPick('deleteRecording'), weight: 2 },
    { arbitrary: byPick('bulkDelete'), weight: 1 },
    {
      arbitrary: fc.record({ kind: fc.constant('policy' as const), tenant, transcriptDays: fc.constantFrom(7, 60) }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        days: fc.constantFrom(1, 8, 15, 31, 100, 181, 400),
      }),
      weight: 3,
    },
    { arbitrary: byPick('forgetPrefixes'), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('backfill' as const), tenant }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('backfill' as const),
        tenant,
        racing: fc.record({
          kind: fc.constantFrom('erase' as const, 'anonymise' as const),
          subject,
          afterMs: fc.nat({ max: 60 }),
        }),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('sweep' as const), tenant }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('terminate' as const), tenant }), weight: 1 },
  );
}

/** Three times as many commands as steps are drawn: those that do not apply yet (no interaction to act on) are skipped. */
export function commandsArbitrary(
  counts: Counts,
  steps: number,
): fc.Arbitrary<Iterable<fc.AsyncCommand<LifecycleModel, World>>> {
  return fc.commands([specArbitrary().map((spec) => new Step(spec, counts))], { maxCommands: 3 * steps, size: 'max' });
}

/** Runs one sequence from fresh tenants; the full scan at its end checks every tenant at once. */
export async function runSequence(
  system: LifecycleSystem,
  commands: Iterable<fc.AsyncCommand<LifecycleModel, World>>,
  counts: Counts,
  options: { maxSteps?: number } = {},
): Promise<void> {
  const world = await newWorld(system, options.maxSteps);
  counts.sequences += 1;
  await fc.asyncModelRun(() => ({ model: world.model, real: world }), commands);
  await checkInvariants(
    world,
    world.model.tenants.map((_, t) => t),
    counts,
    'the end of the sequence (full scan)',
    'everything',
  );
}

/** A fixed sequence, for regression tests: the shrunk counterexample of a past failure. */
export const fixedSequence = (specs: Spec[], counts: Counts = newCounts()) =>
  specs.map((spec) => new Step(spec, counts));
