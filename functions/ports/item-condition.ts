/**
 * What must hold for a conditional write to go ahead, said without DynamoDB's expression syntax.
 * - `absent`: no item with this key exists yet (create once).
 * - `absentOrExpired`: no item, or its `expiresAt` (epoch seconds) is at or before `now`, which
 *   Lethe treats as absent (DESIGN §4), so a key can be reused the moment its item expires.
 * - `present`: the item exists.
 * - `matches`: the item exists and each named attribute equals the given value (optimistic
 *   concurrency: `{ seq: 41 }`, `{ status: 'running' }`).
 */
export type ItemCondition =
  | { kind: 'absent' }
  | { kind: 'absentOrExpired'; now: number }
  | { kind: 'present' }
  | { kind: 'matches'; attributes: Record<string, unknown> };
