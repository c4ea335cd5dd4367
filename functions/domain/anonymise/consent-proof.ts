import type { ConsentProof } from '../records';
import { anonymisedAt } from './anonymised-at';

/**
 * A consent proof without the identifiers of the person who gave it: what was agreed (purpose,
 * notice version, channel, granted or withdrawn, when) remains as a count of consents; it no longer
 * proves anything about anyone, so anonymise a proof only once its person is being forgotten.
 */
export function anonymiseConsentProof(proof: ConsentProof, at: Date): ConsentProof {
  return { ...proof, identifiers: {}, anonymisedAt: anonymisedAt(proof.anonymisedAt, at) };
}
