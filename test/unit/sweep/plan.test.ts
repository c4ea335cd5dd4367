import { presetPolicy } from '../../../functions/domain/policy/presets';
import type { DueRecord } from '../../../functions/domain/sweep/due-record';
import { archivePointerSortKey, planSweepStep, statisticsExpiry } from '../../../functions/domain/sweep/plan';

const TENANT = '01HZTENANT0000000000000000';
const at = (iso: string) => new Date(iso);
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** A record of `dataClass` whose expiry is 2024-06-01T00:00:00Z. */
function due(dataClass: DueRecord['dataClass'], sk: string, extra: Partial<DueRecord> = {}): DueRecord {
  const pk =
    dataClass === 'event' ? `T#${TENANT}#E#01HZEVENT00000000000000000` : `T#${TENANT}#I#01HZINTERACTION00000000000`;
  return { pk, sk, dataClass, expiresAt: seconds('2024-06-01T00:00:00Z'), tier: 'live', ...extra };
}

describe('what the nightly sweep does with a due record', () => {
  const justAfter = at('2024-06-01T00:00:00Z');

  it('a record is left alone one second before its expiry and acted on at the expiry instant', () => {
    const puzzel = presetPolicy('puzzel');
    expect(
      planSweepStep(due('transcript', 'MSG#x'), { policy: puzzel, now: at('2024-05-31T23:59:59Z'), heldBy: [] }),
    ).toEqual({ kind: 'not-due' });
    expect(planSweepStep(due('transcript', 'MSG#x'), { policy: puzzel, now: justAfter, heldBy: [] })).toEqual({
      kind: 'delete',
      scope: 'item',
      sealFirst: false,
    });
  });

  it('Puzzel: expired general info deletes its whole interaction partition, audit entries included', () => {
    const step = planSweepStep(due('interaction', 'INFO'), {
      policy: presetPolicy('puzzel'),
      now: justAfter,
      heldBy: [],
    });
    expect(step).toEqual({ kind: 'delete', scope: 'partition', sealFirst: false });
  });

  it('iAdvize: personal data is removed and statistics kept, after a sealed copy goes to the litigation archive', () => {
    // Prepare
    const iadvize = presetPolicy('iadvize');
    // Act
    const step = planSweepStep(due('interaction', 'INFO'), { policy: iadvize, now: justAfter, heldBy: [] });
    // Assess: statistics live as long as the tenant keeps aggregates (3 years), from the anonymisation
    expect(step).toEqual({
      kind: 'anonymize',
      sealFirst: true,
      statisticsExpireAt: statisticsExpiry(justAfter, iadvize),
    });
    expect(statisticsExpiry(justAfter, iadvize)).toEqual(at('2027-06-01T00:00:00Z'));
  });

  it('a record already in a litigation batch is not sealed twice', () => {
    const step = planSweepStep(due('transcript', 'MSG#x', { sealedIn: 'BATCH1' }), {
      policy: presetPolicy('iadvize'),
      now: justAfter,
      heldBy: [],
    });
    expect(step).toMatchObject({ kind: 'anonymize', sealFirst: false });
  });

  it('Inbenta: raw events move to the archive, which keeps them two years from the transfer', () => {
    const step = planSweepStep(due('event', 'EVENT'), { policy: presetPolicy('inbenta'), now: justAfter, heldBy: [] });
    expect(step).toEqual({ kind: 'archive', sealFirst: false, archiveExpiresAt: at('2026-06-01T00:00:00Z') });
  });

  it('an archived copy whose archive retention ended is deleted, with its partition when it stood for the partition root', () => {
    const pointer = due('event', archivePointerSortKey('EVENT'), { tier: 'archived' });
    expect(planSweepStep(pointer, { policy: presetPolicy('inbenta'), now: justAfter, heldBy: [] })).toEqual({
      kind: 'delete-archived',
      scope: 'partition',
    });
  });

  it('anonymised statistics are deleted when the statistics retention ends', () => {
    const stats = due('interaction', 'INFO', { tier: 'statistics' });
    expect(planSweepStep(stats, { policy: presetPolicy('iadvize'), now: justAfter, heldBy: [] })).toEqual({
      kind: 'delete-statistics',
      scope: 'partition',
    });
  });

  it('legal hold beats retention: a held record is skipped and the holds are named', () => {
    const step = planSweepStep(due('interaction', 'INFO'), {
      policy: presetPolicy('puzzel'),
      now: justAfter,
      heldBy: ['HOLD1', 'HOLD2'],
    });
    expect(step).toEqual({ kind: 'held', holdIds: ['HOLD1', 'HOLD2'] });
  });

  it('a litigation batch is destroyed when its retention ends, not before, and not while a hold covers one of its records', () => {
    const batch: DueRecord = {
      pk: `T#${TENANT}#L`,
      sk: 'BATCH#transcript#B1',
      dataClass: 'litigation',
      expiresAt: seconds('2029-06-01T00:00:00Z'),
      tier: 'litigation-batch',
    };
    const policy = presetPolicy('iadvize');
    expect(planSweepStep(batch, { policy, now: at('2029-05-31T23:59:59Z'), heldBy: [] })).toEqual({ kind: 'not-due' });
    expect(planSweepStep(batch, { policy, now: at('2029-06-01T00:00:00Z'), heldBy: [] })).toEqual({
      kind: 'destroy-batch',
    });
    expect(planSweepStep(batch, { policy, now: at('2029-06-01T00:00:00Z'), heldBy: ['H'] })).toEqual({
      kind: 'held',
      holdIds: ['H'],
    });
  });

  describe('at offboarding', () => {
    const offboarding = true;
    const before = at('2024-04-01T00:00:00Z');

    it('every record is deleted, due or not, even where the policy would anonymise or archive', () => {
      expect(
        planSweepStep(due('event', 'EVENT'), { policy: presetPolicy('inbenta'), now: before, heldBy: [], offboarding }),
      ).toEqual({
        kind: 'delete',
        scope: 'partition',
        sealFirst: false,
      });
      expect(
        planSweepStep(due('interaction', 'INFO'), {
          policy: presetPolicy('iadvize'),
          now: before,
          heldBy: [],
          offboarding,
        }),
      ).toEqual({
        kind: 'delete',
        scope: 'partition',
        sealFirst: true,
      });
    });

    it('a litigation batch keeps its Object Lock retention, which nobody can shorten', () => {
      const batch: DueRecord = {
        pk: `T#${TENANT}#L`,
        sk: 'BATCH#transcript#B1',
        dataClass: 'litigation',
        expiresAt: seconds('2029-06-01T00:00:00Z'),
        tier: 'litigation-batch',
      };
      expect(planSweepStep(batch, { policy: presetPolicy('iadvize'), now: before, heldBy: [], offboarding })).toEqual({
        kind: 'not-due',
      });
    });

    it('a legal hold still wins', () => {
      expect(
        planSweepStep(due('interaction', 'INFO'), {
          policy: presetPolicy('puzzel'),
          now: before,
          heldBy: ['H'],
          offboarding,
        }),
      ).toEqual({ kind: 'held', holdIds: ['H'] });
    });
  });
});
