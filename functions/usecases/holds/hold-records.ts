import type { LegalHold } from '../../domain/holds/hold';
import type { TenantDirectory, TenantItem } from '../../ports/tenant-directory';

/** Holds live in the directory as `HOLD#<holdId>` items of their tenant (docs/storage-layout.md). */
export const HOLD_PREFIX = 'HOLD#';
export const holdSortKey = (holdId: string): string => `${HOLD_PREFIX}${holdId}`;

export function holdOf(item: TenantItem): LegalHold {
  const { sk: _sk, ...hold } = item;
  return hold as unknown as LegalHold;
}

/** Every hold of a tenant, released ones included (they stay as the record of what was kept and why). */
export async function listHolds(directory: TenantDirectory, tenantId: string): Promise<LegalHold[]> {
  const holds: LegalHold[] = [];
  let cursor: string | undefined;
  do {
    const page = await directory.queryItems(tenantId, HOLD_PREFIX, { cursor });
    holds.push(...page.items.map(holdOf));
    cursor = page.cursor;
  } while (cursor);
  return holds;
}
