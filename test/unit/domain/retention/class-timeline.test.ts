import { presetPolicy } from '../../../../functions/domain/policy/presets';
import { classTimeline } from '../../../../functions/domain/retention/class-timeline';

const seconds = (iso: string) => Date.parse(iso) / 1000;
const PK = 'T#01TENANT#I#01INTERACTION';

describe("an interaction's retention timeline", () => {
  it('gives each class its records, first and last expiry, the retention of the channel and the action at expiry', () => {
    // Prepare: an iAdvize call (12 months on the call channel, interaction and chat log sealed first)
    const policy = presetPolicy('iadvize');
    const items = [
      { pk: PK, sk: 'INFO', class: 'interaction', expiresAt: seconds('2027-12-01T10:00:00Z') },
      {
        pk: PK,
        sk: 'MSG#2026-12-01T10:00:10.000Z#000000',
        class: 'transcript',
        expiresAt: seconds('2027-12-01T10:00:10Z'),
      },
      {
        pk: PK,
        sk: 'MSG#2026-12-01T10:05:00.000Z#000001',
        class: 'transcript',
        expiresAt: seconds('2027-12-01T10:05:00Z'),
      },
      { pk: PK, sk: 'SUBJ#phone#abc', class: 'interaction', kind: 'phone', expiresAt: seconds('2030-01-01T00:00:00Z') },
    ];
    // Act
    const timeline = classTimeline(items, policy, 'call');
    // Assess
    expect(timeline.map((c) => c.dataClass)).toEqual(['interaction', 'transcript', 'recording', 'survey']);
    expect(timeline[0]).toEqual({
      dataClass: 'interaction',
      records: 1,
      firstExpiresAt: '2027-12-01T10:00:00.000Z',
      lastExpiresAt: '2027-12-01T10:00:00.000Z',
      held: false,
      retention: 'P12M',
      afterExpiry: policy.classes.interaction.afterExpiry,
      sealFirst: true,
    });
    expect(timeline[1]).toMatchObject({
      records: 2,
      firstExpiresAt: '2027-12-01T10:00:10.000Z',
      lastExpiresAt: '2027-12-01T10:05:00.000Z',
      retention: 'P12M',
      sealFirst: true,
    });
    expect(timeline[2]).toEqual({
      dataClass: 'recording',
      records: 0,
      held: false,
      retention: policy.channels.call.retention.recording ?? policy.classes.recording.retention,
      afterExpiry: policy.classes.recording.afterExpiry,
      sealFirst: false,
    });
  });

  it('reads the expiry a legal hold moved to heldExpiresAt, marks the class held, and counts a copy in a second region once', () => {
    // Prepare
    const policy = presetPolicy('puzzel');
    const held = { pk: PK, sk: 'INFO', class: 'interaction', heldExpiresAt: seconds('2027-06-01T00:00:00Z') };
    // Act
    const [info] = classTimeline([held, { ...held }], policy, 'chat');
    // Assess
    expect(info).toMatchObject({
      records: 1,
      held: true,
      lastExpiresAt: '2027-06-01T00:00:00.000Z',
      retention: 'P180D',
    });
  });
});
