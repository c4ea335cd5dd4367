import { parseOrThrow } from '../validation';
import { TenantPolicySchema, type TenantPolicy } from './schema';

/** Validates a policy; an invalid one is rejected with every bad field named. */
export function parsePolicy(input: unknown): TenantPolicy {
  return parseOrThrow(TenantPolicySchema, input, 'The tenant policy');
}
