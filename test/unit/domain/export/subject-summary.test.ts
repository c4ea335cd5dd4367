import { presetPolicy } from '../../../../functions/domain/policy/presets';
import { subjectSummaryMarkdown, type SubjectSummaryInput } from '../../../../functions/domain/export/subject-summary';
import { editedPreset } from '../support/policies';

const REQUEST = '01HZX5R0000000000000000000';
const GENERATED_AT = new Date('2024-11-05T23:30:00.000Z'); // already 6 November in Paris

function summaryInput(overrides: Partial<SubjectSummaryInput> = {}): SubjectSummaryInput {
  return {
    policy: presetPolicy('iadvize'),
    requestId: REQUEST,
    generatedAt: GENERATED_AT,
    searchedBy: ['phone', 'email'],
    holdings: [
      {
        dataClass: 'transcript',
        count: 3,
        regions: ['us-east-1', 'eu-central-1'],
        firstExpiry: new Date('2025-03-01T09:00:00.000Z'),
        lastExpiry: new Date('2027-05-02T08:15:00.000Z'),
      },
      {
        dataClass: 'interaction',
        count: 2,
        regions: ['eu-central-1'],
        firstExpiry: new Date('2027-05-01T22:30:00.000Z'),
        lastExpiry: new Date('2027-05-01T22:30:00.000Z'),
      },
      { dataClass: 'recording', count: 0, regions: [] },
    ],
    ...overrides,
  };
}

describe('human-readable summary of what is held about a subject', () => {
  it('lists each class held, in a fixed order, with counts, purposes, lawful basis, recipients, regions, retention and dates', () => {
    // Act
    const markdown = subjectSummaryMarkdown(summaryInput());
    // Assess
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| What'));
    expect(rows).toEqual([
      '| Conversation details (when, channel, queue, waiting and talk time, your contact details) | 2 | customer service; contact-centre statistics | performance of a contract (GDPR Art. 6(1)(b)) | tenant agents and administrators | eu-central-1 | 3 years (call, sms: 12 months) | 2027-05-02 |',
      '| Chat logs and message content | 3 | customer service | performance of a contract (GDPR Art. 6(1)(b)) | tenant agents and administrators | eu-central-1, us-east-1 | 3 years (call, sms: 12 months) | 2025-03-01 to 2027-05-02 |',
    ]);
  });

  it("dates are in the tenant's time zone", () => {
    const markdown = subjectSummaryMarkdown(summaryInput());
    expect(markdown).toContain('prepared on 2024-11-06 (dates are in Europe/Paris time)');
  });

  it('says what happens when retention ends, from the policy (iAdvize: anonymised, a sealed copy kept 5 years first)', () => {
    const markdown = subjectSummaryMarkdown(summaryInput());
    expect(markdown).toContain(
      '- Chat logs and message content: your personal data is removed; anonymous statistics are kept; a sealed copy is first kept for 5 years, only for legal claims.',
    );
  });

  it('Inbenta: archived chatbot events are described with their archive period and the contract end', () => {
    // Act
    const markdown = subjectSummaryMarkdown(
      summaryInput({
        policy: presetPolicy('inbenta'),
        holdings: [{ dataClass: 'event', count: 40, regions: ['eu-central-1'] }],
      }),
    );
    // Assess
    expect(markdown).toContain('| Chatbot activity (questions, clicks, ratings) | 40 |');
    expect(markdown).toContain(
      'moved to a restricted archive, available only on request, and deleted 2 years later or when our contract with the service ends, if sooner.',
    );
  });

  it('names the kinds of identifier searched, never their values', () => {
    const markdown = subjectSummaryMarkdown(summaryInput());
    expect(markdown).toContain('Searched by: phone number, e-mail address.');
  });

  it('tenant-written text cannot break the table or inject markup', () => {
    // Prepare
    const policy = editedPreset('iadvize', (p) => {
      p.classes.transcript = {
        ...p.classes.transcript,
        purposes: ['support | <img src=x onerror=alert(1)>', 'multi\nline'],
      };
    });
    // Act
    const row = subjectSummaryMarkdown(summaryInput({ policy }))
      .split('\n')
      .find((l) => l.startsWith('| Chat logs'));
    // Assess
    expect(row).toContain('support \\| &lt;img src=x onerror=alert(1)&gt;; multi line');
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(10);
  });

  it('nothing held: says so', () => {
    const markdown = subjectSummaryMarkdown(
      summaryInput({ holdings: [{ dataClass: 'survey', count: 0, regions: [] }] }),
    );
    expect(markdown).toContain('We hold no data about you.');
    expect(markdown).not.toContain('| What');
  });
});
