import type { InteractionInfo } from '../records';
import { anonymisedAt } from './anonymised-at';

/**
 * General info without the person: the participant (phone, e-mail, name, visitor id, IP) and the
 * tenant's external id (it links back to systems that name the person) are removed; channel,
 * queue, agent, group, times, wait/talk seconds and consent outcome are kept for statistics
 * (iAdvize: personal data deleted, anonymised statistics kept). With no identifier left, the
 * interaction can no longer be found by one (Puzzel "forget me").
 */
export function anonymiseInteraction(info: InteractionInfo, at: Date): InteractionInfo {
  const { participant: _participant, externalId: _externalId, ...statistics } = info;
  return { ...statistics, anonymisedAt: anonymisedAt(info.anonymisedAt, at) };
}
