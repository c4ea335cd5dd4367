import { CHANNELS, DATA_CLASSES } from '../data-class';
import { validationFailed, type FieldProblem } from '../errors';
import type { TenantPolicy } from '../policy/schema';

/** Every place a policy names a region, by its field path. */
function namedRegions(policy: TenantPolicy): { path: string; region: string }[] {
  const named = [{ path: 'defaultRegion', region: policy.defaultRegion }];
  for (const c of DATA_CLASSES) {
    const region = policy.classes[c].region;
    if (region) named.push({ path: `classes.${c}.region`, region });
  }
  for (const ch of CHANNELS) {
    const { region, inFlightRegion } = policy.channels[ch];
    if (region) named.push({ path: `channels.${ch}.region`, region });
    if (inFlightRegion) named.push({ path: `channels.${ch}.inFlightRegion`, region: inFlightRegion });
  }
  return named;
}

/** The fields of `policy` that name a region this deployment does not serve. */
export function regionsNotDeployed(policy: TenantPolicy, deployedRegions: readonly string[]): FieldProblem[] {
  const served = deployedRegions.join(', ');
  return namedRegions(policy)
    .filter(({ region }) => !deployedRegions.includes(region))
    .map(({ path, region }) => ({ path, message: `${region} is not served by this deployment (it serves ${served})` }));
}

/** A policy may only send data where the deployment has stores: otherwise VALIDATION_FAILED. */
export function assertRegionsDeployed(policy: TenantPolicy, deployedRegions: readonly string[]): void {
  const problems = regionsNotDeployed(policy, deployedRegions);
  if (problems.length)
    throw validationFailed(problems, 'The tenant policy names regions this deployment does not serve.');
}
