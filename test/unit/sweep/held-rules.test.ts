import { readerOf, type Actor } from '../../../functions/domain/access/authorize';
import { HeldError } from '../../../functions/domain/errors';
import { keptFromDeletion, requireDeletable } from '../../../functions/domain/holds/precedence';
import { isVisibleAt, visibilityAt } from '../../../functions/domain/retention/visibility';

const NOW = new Date('2026-06-01T12:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;
const actor = (role: Actor['role'], support = false): Actor => ({ tenantId: 'T', userId: 'u', role, support });

describe('a requested deletion against a legal hold (hold > erasure > retention)', () => {
  it('a staff delete of a held record is refused with HELD naming every hold, sorted; an unheld one goes ahead', () => {
    // Act
    let refused: unknown;
    try {
      requireDeletable('Interaction X', ['H2', 'H1']);
    } catch (error) {
      refused = error;
    }
    // Assess
    expect(refused).toBeInstanceOf(HeldError);
    expect((refused as HeldError).status).toBe(409);
    expect((refused as HeldError).toBody().error).toMatchObject({ code: 'HELD', holdIds: ['H1', 'H2'] });
    expect((refused as HeldError).message).toContain('H1, H2');
    expect(() => requireDeletable('Interaction Y', [])).not.toThrow();
  });

  it('erasure and anonymisation skip exactly what a hold keeps', () => {
    expect(keptFromDeletion(['H1'])).toBe(true);
    expect(keptFromDeletion([])).toBe(false);
  });
});

describe('the one visibility rule, with held data', () => {
  const held = { heldExpiresAt: seconds('2026-05-31T00:00:00Z') };
  const expired = { expiresAt: seconds('2026-05-31T00:00:00Z') };
  const live = { heldExpiresAt: seconds('2026-07-01T00:00:00Z') };

  it('past its expiry a held item is shown only to a reader who may see held data; an unheld expired item to nobody', () => {
    expect(visibilityAt(held, NOW, { seesHeld: true })).toBe('held');
    expect(visibilityAt(held, NOW, { seesHeld: false })).toBe('gone');
    expect(visibilityAt(held, NOW)).toBe('gone');
    expect(visibilityAt(expired, NOW, { seesHeld: true })).toBe('gone');
    expect(visibilityAt(live, NOW, { seesHeld: false })).toBe('live');
    expect(isVisibleAt(held, NOW, { seesHeld: true })).toBe(true);
  });

  it('legal and admins may see held data; managers, advisors and support (even an admin flagged support) may not', () => {
    expect([readerOf(actor('legal')), readerOf(actor('admin'))]).toEqual([{ seesHeld: true }, { seesHeld: true }]);
    expect([
      readerOf(actor('manager')),
      readerOf(actor('advisor')),
      readerOf(actor('support')),
      readerOf(actor('admin', true)),
    ]).toEqual([{ seesHeld: false }, { seesHeld: false }, { seesHeld: false }, { seesHeld: false }]);
  });
});
