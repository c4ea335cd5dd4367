import type { SettableClock } from '../../../functions/domain/clock';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import { carryHolds } from '../../../functions/usecases/holds/carry-holds';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { holdSortKey } from '../../../functions/usecases/holds/hold-records';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { subjectHeld } from '../../../functions/usecases/subject-markers/held-subject-markers';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const counselOf = (tenantId: string) => ({
  tenantId,
  userId: 'u-counsel',
  role: 'legal' as const,
  support: false,
  from: '203.0.113.0/24',
});

/** The keyed hash of an e-mail address under the tenant's secret, as the subject index stores it. */
async function emailHmac(c: Container, tenantId: string, email: string): Promise<string> {
  const tenant = await loadTenant(c, tenantId);
  return subjectKeysOf({ email }, tenant.subjectSecret, tenant.policy.defaultCallingCode)[0].hmacHex;
}

/** A tenant with a hold on the subject known by `old@example.se`, and the keyed hashes of the old and corrected address. */
async function heldSubject(c: Container) {
  const tenantId = await openTenant(c, 'puzzel');
  const { holdId } = await placeHold(c, counselOf(tenantId), {
    identifiers: { email: 'old@example.se' },
    reason: 'claim 2026-51',
  });
  const oldHmac = await emailHmac(c, tenantId, 'old@example.se');
  const newHmac = await emailHmac(c, tenantId, 'new@example.se');
  return { tenantId, holdId, oldHmac, newHmac };
}

describe('a rectification carries the subject holds of the old identifier to the corrected one', () => {
  it('the hold names the corrected key and new records under it are held at once', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId, holdId, oldHmac, newHmac } = await heldSubject(c);

    // Act
    await carryHolds(c.directory, tenantId, oldHmac, { kind: 'email', hmacHex: newHmac });

    // Assess
    const hold = await c.directory.getItem(tenantId, holdSortKey(holdId));
    expect(hold?.target).toEqual({
      kind: 'subject',
      subjectKeys: [
        { kind: 'email', hmacHex: oldHmac },
        { kind: 'email', hmacHex: newHmac },
      ],
    });
    expect(await subjectHeld(c.directory, tenantId, [newHmac])).toBe(true);
  });

  it('carrying twice changes nothing', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId, holdId, oldHmac, newHmac } = await heldSubject(c);
    await carryHolds(c.directory, tenantId, oldHmac, { kind: 'email', hmacHex: newHmac });
    const once = await c.directory.getItem(tenantId, holdSortKey(holdId));

    // Act
    await carryHolds(c.directory, tenantId, oldHmac, { kind: 'email', hmacHex: newHmac });

    // Assess
    expect(await c.directory.getItem(tenantId, holdSortKey(holdId))).toEqual(once);
  });

  it('releasing the carried hold lifts the corrected key too: nothing stays held by it', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId, holdId, oldHmac, newHmac } = await heldSubject(c);
    await carryHolds(c.directory, tenantId, oldHmac, { kind: 'email', hmacHex: newHmac });

    // Act
    await releaseHold(c, counselOf(tenantId), holdId);

    // Assess
    expect(await subjectHeld(c.directory, tenantId, [oldHmac, newHmac])).toBe(false);
  });

  it('a released hold is not carried', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId, holdId, oldHmac, newHmac } = await heldSubject(c);
    await releaseHold(c, counselOf(tenantId), holdId);

    // Act
    await carryHolds(c.directory, tenantId, oldHmac, { kind: 'email', hmacHex: newHmac });

    // Assess
    expect(await subjectHeld(c.directory, tenantId, [newHmac])).toBe(false);
    expect((await c.directory.getItem(tenantId, holdSortKey(holdId)))?.target).toEqual({
      kind: 'subject',
      subjectKeys: [{ kind: 'email', hmacHex: oldHmac }],
    });
  });
});
