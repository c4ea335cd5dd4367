import type { z } from 'zod';
import { AppendMessagesSchema, StartInteractionSchema } from '../../domain/ingest/schemas';
import { PlaceHoldSchema } from '../../domain/holds/hold-request';
import { SubjectRequestSchema } from '../../domain/subject-requests/request';
import { NewStaffSchema } from '../../usecases/staff/staff-schemas';

/**
 * A request body a client can start from, per validating schema (so every route taking that body
 * shows it). Where a body is a union or mostly optional, the schema alone does not show a useful
 * call. A unit test parses each with its schema, and Redocly checks it against the document.
 */
export const BODY_EXAMPLES: ReadonlyMap<z.ZodType, unknown> = new Map<z.ZodType, unknown>([
  [
    StartInteractionSchema,
    {
      channel: 'chat',
      startedAt: '2025-03-01T09:30:00Z',
      queue: 'billing',
      agent: 'agent-42',
      participant: { email: 'jane@example.org', visitorId: 'v-8f3a' },
      consent: { storeContent: true, recording: false, gdpr: { granted: true, noticeVersion: '2025-01' } },
    },
  ],
  [AppendMessagesSchema, { messages: [{ from: 'visitor', text: 'My invoice is wrong.', at: '2025-03-01T09:30:05Z' }] }],
  [SubjectRequestSchema, { type: 'erase', identifiers: { email: 'jane@example.org' } }],
  [PlaceHoldSchema, { identifiers: { email: 'jane@example.org' }, reason: 'Claim 2025-117 before the court of Lyon' }],
  [NewStaffSchema, { email: 'sam@example.org', role: 'manager', group: 'billing' }],
]);
