import type { Channel, DataClass } from '../data-class';
import { parseDuration, type CalendarDuration } from '../duration';
import type { TenantPolicy } from '../policy/schema';

/**
 * How long a record of `dataClass` produced on `channel` is kept: the channel's own retention
 * (iAdvize: call and SMS 12 months) beats the class retention (chat 3 years).
 */
export function retentionFor(policy: TenantPolicy, dataClass: DataClass, channel?: Channel): CalendarDuration {
  const text = retentionTextFor(policy, dataClass, channel);
  const duration = parseDuration(text);
  if (!duration) throw new RangeError(`retention "${text}" of ${dataClass} is not a duration: was the policy parsed?`);
  return duration;
}

/** The ISO-8601 duration `retentionFor` reads: the channel's own retention, else the class retention. */
export function retentionTextFor(policy: TenantPolicy, dataClass: DataClass, channel?: Channel): string {
  const channelRetention: Partial<Record<DataClass, string>> = channel ? policy.channels[channel].retention : {};
  return channelRetention[dataClass] ?? policy.classes[dataClass].retention;
}
