import { presetPolicy } from '../../../functions/domain/policy/presets';
import { expiryOf } from '../../../functions/domain/retention/record-expiry';
import {
  countRebucket,
  emptyImpact,
  expiryHorizon,
  planRebucket,
  retentionChanged,
} from '../../../functions/domain/sweep/policy-impact';
import { editedPreset, withRetention } from '../domain/support/policies';

const at = (iso: string) => new Date(iso);

describe('policy changes apply at the next sweep', () => {
  const puzzel = presetPolicy('puzzel');
  const now = at('2024-05-20T02:00:00.000Z');

  it('only classes whose retention changed (for the class, a channel, or the time zone) are re-dated', () => {
    const shorterLogs = withRetention('puzzel', 'transcript', 'P14D');
    expect(retentionChanged(puzzel, shorterLogs, 'transcript')).toBe(true);
    expect(retentionChanged(puzzel, shorterLogs, 'recording')).toBe(false);
    const smsYear = editedPreset('puzzel', (p) => {
      p.channels = { ...p.channels, sms: { retention: { survey: 'P1Y' } } };
    });
    expect(retentionChanged(puzzel, smsYear, 'survey')).toBe(true);
    const newYork = editedPreset('puzzel', (p) => {
      p.timeZone = 'America/New_York';
    });
    expect(retentionChanged(puzzel, newYork, 'audit')).toBe(true);
  });

  it('records written under the old policy wait at most one old retention ahead (iAdvize: calls 12 months, chats 3 years)', () => {
    expect(expiryHorizon(presetPolicy('iadvize'), 'transcript', now)).toEqual(at('2027-05-20T02:00:00.000Z'));
    expect(expiryHorizon(puzzel, 'transcript', now)).toEqual(at('2024-06-19T02:00:00.000Z'));
  });

  it('chat logs cut from 30 to 14 days: the older ones are due at once, the newer ones move to their new day', () => {
    // Prepare: one log from 1 May (new expiry 15 May, past), one from 15 May (new expiry 29 May)
    const shorter = withRetention('puzzel', 'transcript', 'P14D');
    const log = (createdAt: string) => {
      const r = {
        dataClass: 'transcript' as const,
        channel: 'chat' as const,
        createdAt: at(createdAt),
        tier: 'live' as const,
      };
      return { ...r, expiresAt: expiryOf(r, puzzel) };
    };
    const impact = emptyImpact({
      tenantId: 't',
      region: 'eu-central-1',
      dataClass: 'transcript',
      fromRevision: 1,
      toRevision: 2,
    });
    // Act
    const old = planRebucket(log('2024-05-01T08:00:00.000Z'), shorter, now);
    const recent = planRebucket(log('2024-05-15T08:00:00.000Z'), shorter, now);
    countRebucket(impact, old, now);
    countRebucket(impact, recent, now);
    // Assess
    expect(old).toEqual({ kind: 'move', expiresAt: at('2024-05-15T08:00:00.000Z'), change: 'shortened' });
    expect(recent).toEqual({ kind: 'move', expiresAt: at('2024-05-29T08:00:00.000Z'), change: 'shortened' });
    expect(impact).toMatchObject({ shortened: 2, lengthened: 0, unchanged: 0, dueNow: 1 });
  });

  it('archived copies and anonymised statistics keep their own clocks', () => {
    const record = {
      dataClass: 'transcript' as const,
      createdAt: at('2024-05-01T08:00:00.000Z'),
      expiresAt: at('2027-05-01T08:00:00.000Z'),
    };
    expect(planRebucket({ ...record, tier: 'statistics' }, withRetention('puzzel', 'transcript', 'P14D'), now)).toEqual(
      { kind: 'skip' },
    );
    expect(planRebucket({ ...record, tier: 'archived' }, withRetention('puzzel', 'transcript', 'P14D'), now)).toEqual({
      kind: 'skip',
    });
  });
});
