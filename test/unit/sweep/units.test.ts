import { presetPolicy } from '../../../functions/domain/policy/presets';
import { aggregateMonthExpiry, dueAggregateMonths, nextMonth } from '../../../functions/domain/sweep/aggregate-months';
import {
  archiveMonthPrefix,
  archiveObjectKey,
  archivedRecord,
  parseArchivedRecord,
} from '../../../functions/domain/sweep/archive-object';
import { holdingDays } from '../../../functions/domain/sweep/holding-days';
import { firstSweepDay, regionsOfClass } from '../../../functions/domain/sweep/units';
import { isVisibleAt } from '../../../functions/domain/retention/visibility';
import { withRetention } from '../domain/support/policies';

const T = '01HZ8HH500BREB6SQNEZ5BVA77';
const at = (iso: string) => new Date(iso);
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('which regions and days the sweep reads', () => {
  it('iAdvize: SMS and calls in flight live in the US, so their classes are swept there too; a Puzzel tenant only in Frankfurt', () => {
    expect(regionsOfClass([presetPolicy('iadvize')], 'transcript')).toEqual(['eu-central-1', 'us-east-1']);
    expect(regionsOfClass([presetPolicy('puzzel')], 'transcript')).toEqual(['eu-central-1']);
  });

  it('a first sweep starts where the first record written since the tenant exists can expire, under any revision', () => {
    const created = at('2024-03-01T10:00:00Z');
    expect(firstSweepDay([presetPolicy('iadvize')], 'interaction', created)).toBe('2025-03-01');
    expect(firstSweepDay([presetPolicy('puzzel')], 'recording', created)).toBe('2024-03-15');
    expect(
      firstSweepDay([presetPolicy('puzzel'), withRetention('puzzel', 'recording', 'P7D')], 'recording', created),
    ).toBe('2024-03-08');
  });

  it('offboarding reads only the days a record written since the tenant exists can expire on (Puzzel chat logs: 30 days)', () => {
    const days = holdingDays(
      'transcript',
      [presetPolicy('puzzel')],
      at('2024-03-01T10:00:00Z'),
      at('2024-03-03T10:00:00Z'),
      '2024-03-01',
    );
    expect(days).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-31', '2024-04-01', '2024-04-02']);
  });
});

describe('KPI counters are swept a month at a time', () => {
  it('Inbenta: a month goes once its last day is 3 years old, in the tenant time zone', () => {
    const inbenta = presetPolicy('inbenta');
    expect(aggregateMonthExpiry('2024-01', inbenta)).toEqual(at('2027-01-31T23:00:00Z'));
    expect(dueAggregateMonths('2024-01', inbenta, at('2027-01-31T22:59:59Z'))).toEqual([]);
    expect(dueAggregateMonths('2024-01', inbenta, at('2027-03-01T00:00:00Z'))).toEqual(['2024-01', '2024-02']);
    expect(nextMonth('2024-12')).toBe('2025-01');
  });
});

describe('the archive tier', () => {
  it('keeps a record by month of transfer, the partition id naming a partition root, and reads it back', () => {
    const pk = `T#${T}#E#q1`;
    expect(archiveObjectKey(T, 'event', at('2024-06-09T01:00:00Z'), pk, 'EVENT')).toBe(`event/${T}/2024/06/q1.json`);
    expect(
      archiveObjectKey(
        T,
        'transcript',
        at('2024-06-09T01:00:00Z'),
        `T#${T}#I#01HZ`,
        'MSG#2024-01-01T00:00:00.000Z#000001',
      ),
    ).toBe(`transcript/${T}/2024/06/01HZ.MSG-2024-01-01T00-00-00.000Z-000001.json`);
    expect(archiveMonthPrefix(T, 'event', '2024-06')).toBe(`event/${T}/2024/06/`);
    const body = Buffer.from(
      JSON.stringify(archivedRecord({ pk, sk: 'EVENT', sealed: 'xyz' }, at('2024-06-09T01:00:00Z'), 'eu-central-1')),
    );
    expect(parseArchivedRecord(body)?.item).toEqual({ pk, sk: 'EVENT', sealed: 'xyz' });
    expect(parseArchivedRecord(Buffer.from('{"format":"other"}'))).toBeUndefined();
  });
});

describe('every read hides a record from its expiry instant', () => {
  it("whether its expiry is live or moved out of TTL's reach by a legal hold", () => {
    const expiry = seconds('2024-06-01T00:00:00Z');
    expect(isVisibleAt({ expiresAt: expiry }, at('2024-05-31T23:59:59Z'))).toBe(true);
    expect(isVisibleAt({ expiresAt: expiry }, at('2024-06-01T00:00:00Z'))).toBe(false);
    expect(isVisibleAt({ heldExpiresAt: expiry }, at('2024-06-01T00:00:00Z'))).toBe(false);
    expect(isVisibleAt({}, at('2024-06-01T00:00:00Z'))).toBe(true);
  });
});
