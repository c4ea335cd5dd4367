import { generalInfoCsv } from '../../../../functions/domain/export/general-info-csv';
import type { InteractionInfo } from '../../../../functions/domain/records';

const base: InteractionInfo = {
  tenantId: '01HZX3K6J8M2Q4R5S6T7V8W9XA',
  interactionId: '01HZX4A0000000000000000000',
  channel: 'call',
  queue: 'billing',
  agent: 'agent-17',
  startedAt: '2024-05-02T10:15:00.000Z',
  endedAt: '2024-05-02T10:31:00.000Z',
  waitSeconds: 42,
  talkSeconds: 918,
  participant: { phone: '+46701234567', email: 'anna@example.com', name: 'Svensson, Anna "Annie"' },
  consent: { content: 'granted', recording: 'refused' },
};

describe('general info as CSV', () => {
  it('has a header row and one CRLF-terminated line per interaction, statistics first', () => {
    // Act
    const lines = generalInfoCsv([base]).split('\r\n');
    // Assess
    expect(lines[0]).toBe(
      'interactionId,channel,queue,agent,group,startedAt,endedAt,waitSeconds,talkSeconds,contentConsent,recordingConsent,noticeVersion,participantPhone,participantEmail,participantName,visitorId,participantIp,externalId,anonymisedAt',
    );
    expect(lines[1]).toBe(
      '01HZX4A0000000000000000000,call,billing,agent-17,,2024-05-02T10:15:00.000Z,2024-05-02T10:31:00.000Z,42,918,granted,refused,,+46701234567,anna@example.com,"Svensson, Anna ""Annie""",,,,',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('a value a spreadsheet would run as a formula is defused with an apostrophe; phone numbers are left alone', () => {
    // Prepare
    const hostile = {
      ...base,
      queue: '=HYPERLINK("http://evil.example","x")',
      agent: '@SUM(A1)',
      participant: { name: '+cmd|calc', phone: '+46 70 123 45 67' },
    };
    // Act
    const row = generalInfoCsv([hostile]).split('\r\n')[1];
    // Assess
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(row).toContain(`'@SUM(A1)`);
    expect(row).toContain(`'+cmd|calc`);
    expect(row).toContain(',+46 70 123 45 67,');
  });

  it('line breaks inside a value stay inside one quoted field', () => {
    const row = generalInfoCsv([{ ...base, queue: 'first\nsecond' }]);
    expect(row).toContain('"first\nsecond"');
  });

  it('no interactions: only the header', () => {
    expect(generalInfoCsv([]).split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
