import { changedPaths } from '../../../functions/domain/policy-diff/changed-paths';
import { policyDiff } from '../../../functions/domain/policy-diff/policy-diff';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { editedPreset, withRetention } from '../domain/support/policies';

const now = new Date('2024-05-20T02:00:00.000Z');
const puzzel = presetPolicy('puzzel');

describe('what a policy change will do at the next sweep', () => {
  it('an unchanged policy changes nothing', () => {
    const diff = policyDiff(puzzel, { ...puzzel, revision: 2 }, { now });
    expect(diff).toEqual({
      fromRevision: 1,
      toRevision: 2,
      changed: false,
      classes: [],
      otherChanges: [],
      effects: [],
    });
  });

  it('chat logs cut from 30 to 14 days: older logs are deleted at the next sweep', () => {
    // Act
    const diff = policyDiff(puzzel, withRetention('puzzel', 'transcript', 'P14D'), { now });
    // Assess
    expect(diff.classes).toEqual([
      {
        dataClass: 'transcript',
        retention: { before: 'P30D', after: 'P14D', change: 'shortened' },
        channelRetention: [],
        regions: [],
        effects: [
          'transcript: retention cut from 30 days to 14 days; at the next sweep every record older than 14 days is deleted.',
        ],
      },
    ]);
    expect(diff.changed).toBe(true);
  });

  it('recordings kept 1 month instead of 14 days: live ones are kept longer, expired ones stay gone', () => {
    const diff = policyDiff(puzzel, withRetention('puzzel', 'recording', 'P1M'), { now });
    expect(diff.classes[0].retention).toEqual({ before: 'P14D', after: 'P1M', change: 'lengthened' });
    expect(diff.classes[0].effects[0]).toMatch(/records already expired stay gone/);
  });

  it('12 months and 1 year are the same retention, written differently', () => {
    const diff = policyDiff(withRetention('puzzel', 'survey', 'P12M'), withRetention('puzzel', 'survey', 'P1Y'), {
      now,
    });
    expect(diff.classes[0].retention).toEqual({ before: 'P12M', after: 'P1Y', change: 'unchanged' });
    expect(diff.classes[0].effects).toEqual([]);
  });

  it('iAdvize calls: a channel retention of its own is reported per channel', () => {
    // Prepare: calls kept 6 months instead of 12
    const iadvize = presetPolicy('iadvize');
    const shorterCalls = editedPreset('iadvize', (p) => {
      p.channels = {
        ...p.channels,
        call: {
          ...p.channels!.call,
          retention: { interaction: 'P6M', transcript: 'P12M', recording: 'P12M', survey: 'P12M' },
        },
      };
    });
    // Act
    const diff = policyDiff(iadvize, shorterCalls, { now });
    // Assess
    expect(diff.classes.map((c) => c.dataClass)).toEqual(['interaction']);
    expect(diff.classes[0].retention).toBeUndefined();
    expect(diff.classes[0].channelRetention).toEqual([
      { channel: 'call', before: 'P12M', after: 'P6M', change: 'shortened' },
    ]);
    expect(diff.classes[0].effects).toEqual([
      'interaction on call: retention cut from 12 months to 6 months; at the next sweep every record older than 6 months is anonymised.',
    ]);
  });

  it('a changed post-expiry action, region and litigation sealing are each said', () => {
    // Prepare
    const after = editedPreset('puzzel', (p) => {
      p.classes.interaction = { ...p.classes.interaction, afterExpiry: 'anonymize' };
      p.classes.transcript = { ...p.classes.transcript, region: 'us-east-1' };
      p.litigation = { sealClasses: ['recording'] };
    });
    // Act
    const diff = policyDiff(puzzel, after, { now });
    // Assess
    const byClass = Object.fromEntries(diff.classes.map((c) => [c.dataClass, c]));
    expect(byClass.interaction.afterExpiry).toEqual({ before: 'delete', after: 'anonymize' });
    expect(byClass.transcript.regions).toEqual([{ phase: 'final', before: 'eu-central-1', after: 'us-east-1' }]);
    expect(byClass.transcript.effects).toEqual([
      'transcript: new records are written to us-east-1 (was eu-central-1); records already stored stay in eu-central-1 until they expire.',
    ]);
    expect(byClass.recording.litigationSeal).toEqual({ before: false, after: true });
    expect(diff.effects).toContain(
      'interaction: at expiry records are anonymised instead of deleted, from the next sweep on.',
    );
  });

  it('a time-zone change moves every calendar retention and is said first', () => {
    const after = editedPreset('puzzel', (p) => {
      p.timeZone = 'America/New_York';
    });
    const diff = policyDiff(puzzel, after, { now });
    expect(diff.timeZone).toEqual({ before: 'Europe/Stockholm', after: 'America/New_York' });
    expect(diff.effects[0]).toBe(
      'Calendar retentions are counted in America/New_York instead of Europe/Stockholm; every expiry moves by the difference.',
    );
  });

  it('changes that do not touch retention are listed by their path', () => {
    const after = editedPreset('puzzel', (p) => {
      p.access = { supportAccess: true };
      p.classes.recording = { ...p.classes.recording, lawfulBasis: 'legitimate_interests' };
    });
    const diff = policyDiff(puzzel, after, { now });
    expect(diff.classes).toEqual([]);
    expect(diff.otherChanges).toEqual(['access.supportAccess', 'classes.recording.lawfulBasis']);
  });

  it('with daily counts, estimates how many live records the next sweep removes, and how many expire sooner', () => {
    // Prepare: interactions of 1 Jan (older than 90 days), 1 Apr (younger) and 1 Oct 2023 (already past 180 days)
    const after = withRetention('puzzel', 'interaction', 'P90D');
    const counts = [
      { dataClass: 'interaction' as const, channel: 'chat' as const, day: '2024-01-01', count: 40 },
      { dataClass: 'interaction' as const, channel: 'call' as const, day: '2024-04-01', count: 7 },
      { dataClass: 'interaction' as const, channel: 'chat' as const, day: '2023-10-01', count: 1000 },
      { dataClass: 'survey' as const, day: '2024-01-01', count: 5 },
    ];
    // Act
    const diff = policyDiff(puzzel, after, { now, counts });
    // Assess
    expect(diff.classes.map((c) => c.dataClass)).toEqual(['interaction']);
    expect(diff.classes[0].estimate).toEqual({ dueAtNextSweep: 40, expireSooner: 7, kept: 0, live: 47 });
    expect(diff.classes[0].effects).toContain('interaction: about 40 records are due at the next sweep.');
  });
});

describe('changed paths', () => {
  it('names the deepest differing path within the depth, arrays compared whole', () => {
    expect(changedPaths({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1, 2, 3] } }, 3)).toEqual(['a.b', 'a.c']);
    expect(changedPaths({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, 2)).toEqual(['a.b']);
  });
});
