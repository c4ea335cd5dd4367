import { CHANNELS, DATA_CLASSES, type Channel, type DataClass, type ExpiryAction } from '../data-class';
import { parseDuration } from '../duration';
import { durationInWords } from '../export/plain-words';
import type { TenantPolicy } from '../policy/schema';
import { regionFor } from '../residency/region-for';
import { changedPaths } from './changed-paths';
import { addToEstimate, emptyEstimate, type RecordCount } from './estimate';
import { retentionShift } from './retention-change';
import type { ClassDiff, PolicyDiff, RegionMove, RetentionShift } from './schema';

const ACTION_WORDS: Record<ExpiryAction, string> = { delete: 'deleted', anonymize: 'anonymised', archive: 'archived' };
const words = (duration: string) => durationInWords(parseDuration(duration)!);
/** Paths the class diffs already describe in detail. */
const DESCRIBED =
  /^(revision$|timeZone$|defaultRegion$|litigation\.sealClasses$|classes\.[a-z]+\.(retention|afterExpiry|archiveRetention|region)$|channels\.[a-z]+\.(retention|region|inFlightRegion)$)/;

function regionMoves(before: TenantPolicy, after: TenantPolicy, dataClass: DataClass): RegionMove[] {
  const base = { before: regionFor(before, dataClass), after: regionFor(after, dataClass) };
  const moves: RegionMove[] = base.before === base.after ? [] : [{ phase: 'final', ...base }];
  for (const channel of CHANNELS)
    for (const phase of ['final', 'in-flight'] as const) {
      const pair = {
        before: regionFor(before, dataClass, channel, phase),
        after: regionFor(after, dataClass, channel, phase),
      };
      const likeBase = pair.before === base.before && pair.after === base.after;
      if (pair.before !== pair.after && !likeBase) moves.push({ channel, phase, ...pair });
    }
  return moves;
}

function channelRetention(
  before: TenantPolicy,
  after: TenantPolicy,
  dataClass: DataClass,
): ClassDiff['channelRetention'] {
  const own = (p: TenantPolicy, ch: Channel) =>
    (p.channels[ch].retention as Partial<Record<DataClass, string>>)[dataClass];
  return CHANNELS.filter((ch) => own(before, ch) !== undefined || own(after, ch) !== undefined).flatMap((channel) => {
    const shift = retentionShift(
      own(before, channel) ?? before.classes[dataClass].retention,
      own(after, channel) ?? after.classes[dataClass].retention,
    );
    return shift.before === shift.after ? [] : [{ channel, ...shift }];
  });
}

function effectsOf(d: ClassDiff, after: TenantPolicy): string[] {
  const effects: string[] = [];
  const action = ACTION_WORDS[after.classes[d.dataClass].afterExpiry];
  const retention = (shift: RetentionShift, where: string) => {
    if (shift.change === 'shortened')
      effects.push(
        `${where}: retention cut from ${words(shift.before)} to ${words(shift.after)}; at the next sweep every record older than ${words(shift.after)} is ${action}.`,
      );
    else if (shift.change === 'lengthened')
      effects.push(
        `${where}: retention extended from ${words(shift.before)} to ${words(shift.after)}; records not yet expired are kept longer, records already expired stay gone.`,
      );
  };
  if (d.retention) retention(d.retention, d.dataClass);
  for (const c of d.channelRetention) retention(c, `${d.dataClass} on ${c.channel}`);
  if (d.afterExpiry)
    effects.push(
      `${d.dataClass}: at expiry records are ${ACTION_WORDS[d.afterExpiry.after]} instead of ${ACTION_WORDS[d.afterExpiry.before]}, from the next sweep on.`,
    );
  if (d.archiveRetention)
    effects.push(
      `${d.dataClass}: archived copies are kept ${d.archiveRetention.after ? words(d.archiveRetention.after) : 'no longer (no archive)'} after their transfer.`,
    );
  for (const m of d.regions)
    effects.push(
      `${d.dataClass}${m.channel ? ` on ${m.channel}${m.phase === 'in-flight' ? ' during the call' : ''}` : ''}: new records are written to ${m.after} (was ${m.before}); records already stored stay in ${m.before} until they expire.`,
    );
  if (d.litigationSeal)
    effects.push(
      `${d.dataClass}: ${d.litigationSeal.after ? 'sealed in the litigation archive before their expiry action' : 'no longer sealed in the litigation archive'}, from the next sweep on.`,
    );
  if (d.estimate?.dueAtNextSweep)
    effects.push(`${d.dataClass}: about ${d.estimate.dueAtNextSweep} records are due at the next sweep.`);
  return effects;
}

/**
 * What saving `after` over `before` will do at the next sweep, class by class: retention
 * shortened (older records become due at once) or lengthened (live records are kept longer),
 * post-expiry action changed, region changed (new records only), litigation sealing switched;
 * with `counts` (records created per class, channel and day), an estimate of the records
 * affected. A time-zone change moves every calendar retention and is reported on its own.
 */
export function policyDiff(
  before: TenantPolicy,
  after: TenantPolicy,
  options: { now: Date; counts?: readonly RecordCount[] },
): PolicyDiff {
  const classes: ClassDiff[] = [];
  for (const dataClass of DATA_CLASSES) {
    const b = before.classes[dataClass];
    const a = after.classes[dataClass];
    const shift = retentionShift(b.retention, a.retention);
    const sealedBefore = before.litigation.sealClasses.includes(dataClass);
    const sealedAfter = after.litigation.sealClasses.includes(dataClass);
    const diff: ClassDiff = {
      dataClass,
      ...(shift.before !== shift.after ? { retention: shift } : {}),
      channelRetention: channelRetention(before, after, dataClass),
      ...(b.afterExpiry !== a.afterExpiry ? { afterExpiry: { before: b.afterExpiry, after: a.afterExpiry } } : {}),
      ...(b.archiveRetention !== a.archiveRetention
        ? { archiveRetention: { before: b.archiveRetention, after: a.archiveRetention } }
        : {}),
      regions: regionMoves(before, after, dataClass),
      ...(sealedBefore !== sealedAfter ? { litigationSeal: { before: sealedBefore, after: sealedAfter } } : {}),
      effects: [],
    };
    const touched =
      diff.retention ||
      diff.channelRetention.length ||
      diff.afterExpiry ||
      diff.archiveRetention ||
      diff.regions.length ||
      diff.litigationSeal;
    const counted = options.counts?.filter((c) => c.dataClass === dataClass) ?? [];
    if (!touched && before.timeZone === after.timeZone) continue;
    if (counted.length) {
      const estimate = emptyEstimate();
      for (const c of counted) addToEstimate(estimate, c, before, after, options.now);
      diff.estimate = estimate;
    }
    diff.effects = effectsOf(diff, after);
    if (touched || diff.estimate?.dueAtNextSweep || diff.estimate?.expireSooner || diff.estimate?.kept)
      classes.push(diff);
  }
  const timeZone = before.timeZone !== after.timeZone ? { before: before.timeZone, after: after.timeZone } : undefined;
  const otherChanges = changedPaths(before, after, 3).filter((p) => !DESCRIBED.test(p));
  const effects = [
    ...(timeZone
      ? [
          `Calendar retentions are counted in ${timeZone.after} instead of ${timeZone.before}; every expiry moves by the difference.`,
        ]
      : []),
    ...classes.flatMap((c) => c.effects),
    ...(otherChanges.length ? [`Also changed, from the next request on: ${otherChanges.join(', ')}.`] : []),
  ];
  return {
    fromRevision: before.revision,
    toRevision: after.revision,
    changed: Boolean(timeZone || classes.length || otherChanges.length),
    ...(timeZone ? { timeZone } : {}),
    classes,
    otherChanges,
    effects,
  };
}
