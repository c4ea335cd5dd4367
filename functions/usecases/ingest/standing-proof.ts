import { ROOT_SORT_KEY } from '../../domain/record-keys';
import { isVisibleAt } from '../../domain/retention/visibility';
import type { IngestDeps } from './deps';
import type { StandingMark } from './standing-markers';

/** What reading a subject's consent standing needs. */
export type ReaderDeps = Pick<IngestDeps, 'stores' | 'clock' | 'directory'>;

/** Whether the proof a marker names is still stored, visible and the same proof. */
export async function proofStands(deps: ReaderDeps, mark: StandingMark): Promise<boolean> {
  if (!mark.proof) return false;
  const proof = await deps.stores
    .storesFor(mark.proof.region)
    .records.get({ pk: mark.proof.pk, sk: ROOT_SORT_KEY.consent }, { consistent: true });
  return (
    proof !== undefined &&
    isVisibleAt(proof, deps.clock.now()) &&
    proof.purpose === mark.purpose &&
    proof.at === mark.at &&
    proof.granted === mark.granted
  );
}
