import { LetheError } from '../../../functions/domain/errors';
import { INGEST_LIMITS } from '../../../functions/domain/ingest/limits';
import { assertBodyWithinLimit, parseIngestRequest } from '../../../functions/domain/ingest/parse-request';
import {
  AppendMessagesSchema,
  ConsentSchema,
  EventBatchSchema,
  StartInteractionSchema,
  SurveySchema,
} from '../../../functions/domain/ingest/schemas';

function refusal(act: () => unknown): LetheError {
  try {
    act();
  } catch (error) {
    if (error instanceof LetheError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

const event = (id: string) => ({ id, type: 'question', at: '2025-03-01T10:00:00Z' });

describe('ingest request validation', () => {
  it('a start request names every bad field in one 400', () => {
    // Prepare
    const body = {
      channel: 'fax',
      startedAt: 'yesterday',
      participant: { email: 'not-an-address', ip: '999.1.1.1' },
      colour: 'red',
    };
    // Act
    const error = refusal(() => parseIngestRequest(StartInteractionSchema, body, 'The interaction'));
    // Assess
    expect(error.status).toBe(400);
    expect(error.fields.map((f) => f.path).sort()).toEqual([
      '(root)',
      'channel',
      'participant.email',
      'participant.ip',
      'startedAt',
    ]);
  });

  it('a well-formed chat start is accepted with empty participant and consent filled in', () => {
    const start = parseIngestRequest(
      StartInteractionSchema,
      { channel: 'chat', startedAt: '2025-03-01T10:00:00+01:00' },
      'x',
    );
    expect(start).toMatchObject({ channel: 'chat', participant: {}, consent: {} });
  });

  it(`a batch of more than ${INGEST_LIMITS.eventsPerBatch} events is refused as too large (413), not as invalid`, () => {
    // Prepare
    const events = Array.from({ length: INGEST_LIMITS.eventsPerBatch + 1 }, (_, i) => event(`e-${i}`));
    // Act
    const error = refusal(() => parseIngestRequest(EventBatchSchema, { events }, 'The event batch'));
    // Assess
    expect(error.status).toBe(413);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.fields.map((f) => f.path)).toEqual(['events']);
  });

  it('a batch of exactly the limit is accepted', () => {
    const events = Array.from({ length: INGEST_LIMITS.eventsPerBatch }, (_, i) => event(`e-${i}`));
    expect(parseIngestRequest(EventBatchSchema, { events }, 'x').events).toHaveLength(INGEST_LIMITS.eventsPerBatch);
  });

  it('an event payload over its byte limit is a 413 naming the payload', () => {
    const events = [
      { ...event('e-1'), type: 'custom', payload: { note: 'x'.repeat(INGEST_LIMITS.eventPayloadBytes) } },
    ];
    const error = refusal(() => parseIngestRequest(EventBatchSchema, { events }, 'x'));
    expect(error.status).toBe(413);
    expect(error.fields.map((f) => f.path)).toEqual(['events.0.payload']);
  });

  it('a message text over the limit together with a bad date is a 400 naming both', () => {
    // Prepare
    const messages = [{ from: 'visitor', text: 'x'.repeat(INGEST_LIMITS.messageTextChars + 1), at: 'noon' }];
    // Act
    const error = refusal(() => parseIngestRequest(AppendMessagesSchema, { messages }, 'x'));
    // Assess
    expect(error.status).toBe(400);
    expect(error.fields.map((f) => f.path).sort()).toEqual(['messages.0.at', 'messages.0.text']);
  });

  it('a survey score of 11 is invalid (400), not too large', () => {
    const error = refusal(() =>
      parseIngestRequest(SurveySchema, { interactionId: '01JNQ0Z8V6Y3C3W1R4S5T6V7W8', score: 11 }, 'x'),
    );
    expect(error.status).toBe(400);
    expect(error.fields.map((f) => f.path)).toEqual(['score']);
  });

  it('two events of one batch cannot share an id', () => {
    const error = refusal(() =>
      parseIngestRequest(EventBatchSchema, { events: [event('a'), event('b'), event('a')] }, 'x'),
    );
    expect(error.fields).toEqual([{ path: 'events.2.id', message: 'repeats the id of events.0' }]);
  });

  it('a message must carry something', () => {
    const error = refusal(() =>
      parseIngestRequest(AppendMessagesSchema, { messages: [{ from: 'agent', at: '2025-03-01T10:00:00Z' }] }, 'x'),
    );
    expect(error.fields.map((f) => f.path)).toEqual(['messages.0']);
  });

  it('a consent proof must name its subject', () => {
    const body = {
      subject: {},
      purpose: 'storeContent',
      granted: false,
      noticeVersion: 'v1',
      channel: 'chat',
      at: '2025-03-01T10:00:00Z',
    };
    const error = refusal(() => parseIngestRequest(ConsentSchema, body, 'x'));
    expect(error.fields.map((f) => f.path)).toEqual(['subject']);
  });

  it(`a raw body over ${INGEST_LIMITS.bodyBytes} bytes is refused before parsing`, () => {
    expect(() => assertBodyWithinLimit(INGEST_LIMITS.bodyBytes)).not.toThrow();
    expect(refusal(() => assertBodyWithinLimit(INGEST_LIMITS.bodyBytes + 1)).status).toBe(413);
  });
});
