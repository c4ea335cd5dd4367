import { createHash } from 'node:crypto';
import { anonymiseChatbotEvent } from '../../../../functions/domain/anonymise/chatbot-event';
import { anonymiseConsentProof } from '../../../../functions/domain/anonymise/consent-proof';
import { anonymiseInteraction } from '../../../../functions/domain/anonymise/interaction';
import { anonymiseSurvey } from '../../../../functions/domain/anonymise/survey';
import { tokenIssuer } from '../../../../functions/domain/anonymise/token';
import type { ChatbotEvent, ConsentProof, InteractionInfo, Survey } from '../../../../functions/domain/records';
import { subjectKeysOf } from '../../../../functions/domain/subject/subject-key';

const SECRET = new Uint8Array(32).fill(9);
const NOW = new Date('2024-11-05T03:00:00.000Z');
const LATER = new Date('2024-11-06T03:00:00.000Z');
const ANNA = {
  phone: '+46701234567',
  email: 'anna@example.com',
  name: 'Anna Svensson',
  visitorId: 'vuid-77',
  ip: '198.51.100.23',
};
const anna = Object.values(ANNA);

/** Counts up, so tokens are predictable in tests and distinct per call. */
function countingRandom() {
  let n = 0;
  return (bytes: number) => new Uint8Array(bytes).fill(++n);
}

const interaction: InteractionInfo = {
  tenantId: '01HZX3K6J8M2Q4R5S6T7V8W9XA',
  interactionId: '01HZX4A0000000000000000000',
  channel: 'chat',
  queue: 'billing',
  agent: 'agent-17',
  group: 'stockholm',
  startedAt: '2024-05-02T10:15:00.000Z',
  endedAt: '2024-05-02T10:31:00.000Z',
  waitSeconds: 42,
  talkSeconds: 918,
  participant: ANNA,
  consent: { content: 'granted', recording: 'not-asked', noticeVersion: 'v3' },
  externalId: 'CRM-55123',
};

describe('anonymising general info', () => {
  it('Puzzel "forget me": an anonymised inquiry holds no identifier, so no search by phone or e-mail finds it', () => {
    // Act
    const anonymised = anonymiseInteraction(interaction, NOW);
    // Assess
    expect(anonymised.participant).toBeUndefined();
    expect(subjectKeysOf(anonymised.participant ?? {}, SECRET, '46')).toEqual([]);
    for (const value of anna) expect(JSON.stringify(anonymised)).not.toContain(value);
  });

  it('iAdvize: "only personal data is deleted and we save the anonymized data": statistics are unchanged', () => {
    // Act
    const anonymised = anonymiseInteraction(interaction, NOW);
    // Assess
    const { participant: _p, externalId: _e, ...statistics } = interaction;
    expect(anonymised).toEqual({ ...statistics, anonymisedAt: '2024-11-05T03:00:00.000Z' });
  });

  it("the external id goes too: it links back to the tenant's CRM, which names the person", () => {
    expect(anonymiseInteraction(interaction, NOW).externalId).toBeUndefined();
  });

  it('anonymising again (a resumed job) changes nothing, not even the time', () => {
    const once = anonymiseInteraction(interaction, NOW);
    expect(anonymiseInteraction(once, LATER)).toEqual(once);
  });
});

describe('anonymising surveys', () => {
  it('a survey keeps its 0–10 score and time; the free-text comment is removed', () => {
    // Prepare
    const survey: Survey = {
      surveyId: 's-1',
      interactionId: interaction.interactionId,
      score: 9,
      comment: 'Anna here, call me on 070-123 45 67',
      at: '2024-05-02T10:32:00.000Z',
    };
    // Act
    const anonymised = anonymiseSurvey(survey, NOW);
    // Assess
    expect(anonymised).toEqual({
      surveyId: 's-1',
      interactionId: interaction.interactionId,
      score: 9,
      at: survey.at,
      anonymisedAt: NOW.toISOString(),
    });
  });
});

describe('anonymising chatbot events', () => {
  const question: ChatbotEvent = {
    id: 'e-1',
    type: 'question',
    sessionId: 'sess-anna',
    userType: 'customer',
    source: 'web',
    environment: 'production',
    at: '2024-05-02T10:00:00.000Z',
    payload: {
      text: 'My phone is 070-123 45 67',
      matched: true,
      answerId: 'faq-12',
      position: 1,
      meta: { ip: '198.51.100.23' },
    },
  };
  const rating: ChatbotEvent = { ...question, id: 'e-2', type: 'rating', payload: { value: 4 } };

  it('KPI dimensions (type, user type, source, environment, time) stay; the payload keeps only numbers and booleans', () => {
    // Act
    const anonymised = anonymiseChatbotEvent(question, NOW, tokenIssuer(countingRandom()));
    // Assess
    expect(anonymised).toMatchObject({
      id: 'e-1',
      type: 'question',
      userType: 'customer',
      source: 'web',
      environment: 'production',
      at: question.at,
    });
    expect(anonymised.payload).toEqual({ matched: true, position: 1 });
    expect(JSON.stringify(anonymised)).not.toContain('070-123');
  });

  it('a session id becomes a random token shared by the events of that session in one run', () => {
    // Prepare
    const tokens = tokenIssuer(countingRandom());
    const otherSession = { ...rating, id: 'e-3', sessionId: 'sess-bob' };
    // Act
    const [a, b, c] = [question, rating, otherSession].map((e) => anonymiseChatbotEvent(e, NOW, tokens));
    // Assess
    expect(a.sessionId).toBe(`anon-${'01'.repeat(16)}`);
    expect(b.sessionId).toBe(a.sessionId);
    expect(c.sessionId).not.toBe(a.sessionId);
    expect(b.payload).toEqual({ value: 4 });
  });

  it('the token is not derived from the session id: two runs give two tokens, and it is no hash of the value', () => {
    // Act
    const first = anonymiseChatbotEvent(question, NOW, tokenIssuer()).sessionId;
    const second = anonymiseChatbotEvent(question, NOW, tokenIssuer()).sessionId;
    // Assess
    expect(first).not.toBe(second);
    expect(first).not.toContain(createHash('sha256').update('sess-anna').digest('hex').slice(0, 16));
  });

  it('an event already anonymised is left as it is', () => {
    const once = anonymiseChatbotEvent(question, NOW, tokenIssuer(countingRandom()));
    expect(anonymiseChatbotEvent(once, LATER, tokenIssuer(countingRandom()))).toBe(once);
  });
});

describe('anonymising consent proofs', () => {
  it('a consent proof loses the identifiers of who gave it and keeps what was agreed and when', () => {
    // Prepare
    const proof: ConsentProof = {
      consentId: 'c-1',
      identifiers: { phone: ANNA.phone, email: ANNA.email },
      purpose: 'call recording',
      noticeVersion: 'v3',
      channel: 'call',
      granted: true,
      at: '2024-05-02T10:14:00.000Z',
    };
    // Act
    const anonymised = anonymiseConsentProof(proof, NOW);
    // Assess
    expect(anonymised).toEqual({ ...proof, identifiers: {}, anonymisedAt: NOW.toISOString() });
  });
});
