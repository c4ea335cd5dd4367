import { CHANNELS, DATA_CLASSES, type Channel, type DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';

/** `in-flight`: while a call runs; `final`: after /end (iAdvize moves call metadata to the EU then). */
export type RegionPhase = 'in-flight' | 'final';

/**
 * Where a record of `dataClass` produced on `channel` lives: during the call in the channel's
 * in-flight region, otherwise the channel's region (iAdvize: SMS in the US) beats the class
 * region (litigation in Frankfurt), which beats the tenant's default region.
 */
export function regionFor(
  policy: TenantPolicy,
  dataClass: DataClass,
  channel?: Channel,
  phase: RegionPhase = 'final',
): string {
  const channelPolicy = channel ? policy.channels[channel] : undefined;
  if (phase === 'in-flight' && channelPolicy?.inFlightRegion) return channelPolicy.inFlightRegion;
  return channelPolicy?.region ?? policy.classes[dataClass].region ?? policy.defaultRegion;
}

/** Every region where any of the tenant's data may live: where erasure and export must look. */
export function regionsOfTenant(policy: TenantPolicy): string[] {
  return [...new Set(DATA_CLASSES.flatMap((dataClass) => regionsOfClass([policy], dataClass)))].sort();
}

/**
 * Every region where records of `dataClass` may live under any of `policies` (the tenant's
 * revisions, each as saved): a changed region applies to new records only, so records written
 * under an earlier revision stay where it put them.
 */
export function regionsOfClass(policies: readonly TenantPolicy[], dataClass: DataClass): string[] {
  const regions = new Set<string>();
  for (const policy of policies)
    for (const channel of [undefined, ...CHANNELS])
      for (const phase of ['in-flight', 'final'] as const) regions.add(regionFor(policy, dataClass, channel, phase));
  return [...regions].sort();
}
