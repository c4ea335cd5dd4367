import type { ChatbotEvent } from '../records';
import type { TokenIssuer } from './token';

/** Numbers and booleans (a rating, a position, a "matched" flag) cannot carry free text. */
const isStatistic = (value: unknown) =>
  typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * A chatbot event keeps its type, time and aggregate dimensions (user type, source, environment).
 * Its session id becomes a random token from `tokens`, shared by the events of one session in the
 * same run, so per-session KPIs still add up. Its payload keeps only numbers and booleans: strings
 * and nested values (the question typed, a clicked URL) may hold anything the user wrote.
 */
export function anonymiseChatbotEvent(event: ChatbotEvent, at: Date, tokens: TokenIssuer): ChatbotEvent {
  if (event.anonymisedAt) return event;
  const { sessionId, payload, ...rest } = event;
  return {
    ...rest,
    ...(sessionId !== undefined ? { sessionId: tokens(sessionId) } : {}),
    payload: Object.fromEntries(Object.entries(payload).filter(([, value]) => isStatistic(value))),
    anonymisedAt: at.toISOString(),
  };
}
