import { approximateDays, parseDuration } from '../duration';
import type { RetentionShift } from './schema';

/**
 * How a retention moved. P12M and P1Y are the same length; comparing durations by their length
 * is enough to say which way a change goes (the expiry instants themselves are the sweep's).
 */
export function retentionShift(before: string, after: string): RetentionShift {
  const [b, a] = [parseDuration(before), parseDuration(after)];
  if (!b || !a) throw new RangeError(`not durations: ${before}, ${after} (was the policy parsed?)`);
  const delta = approximateDays(a) - approximateDays(b);
  return { before, after, change: delta < 0 ? 'shortened' : delta > 0 ? 'lengthened' : 'unchanged' };
}
