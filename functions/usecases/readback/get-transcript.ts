import type { TranscriptView } from '../../domain/ingest/responses';
import { regionFor } from '../../domain/residency/region-for';
import { isVisibleAt, ORDINARY_READER, type Reader } from '../../domain/retention/visibility';
import type { IngestDeps } from '../ingest/deps';
import { interactionIdOf } from '../ingest/interaction-id';
import { locateInteraction } from '../ingest/interaction-info';
import { allPages } from '../records/pages';
import { openedFields } from '../records/record-items';
import { DataKeyGone } from '../personal-data/personal-data-vault';

type Line = TranscriptView['messages'][number];

/**
 * GET /v1/interactions/{id}/transcript: the stored (redacted) messages in order. Lines past their
 * own retention (chat logs often expire long before the general info) are left out, exactly as
 * if deleted (unless a legal hold keeps them and the reader may see held data); so are lines whose
 * data key was destroyed.
 */
export async function getTranscript(
  deps: Pick<IngestDeps, 'stores' | 'vault' | 'clock' | 'directory'>,
  tenantId: string,
  rawId: string | undefined,
  reader: Reader = ORDINARY_READER,
): Promise<TranscriptView> {
  const interactionId = interactionIdOf(rawId);
  const located = await locateInteraction(deps, tenantId, interactionId, reader);
  const current = await deps.directory.currentPolicy(tenantId);
  const region = current
    ? regionFor(current.policy, 'transcript', located.info.channel, located.info.phase)
    : located.region;
  const records = deps.stores.storesFor(region).records;
  const now = deps.clock.now();
  const items = await allPages((cursor) => records.queryPartition(located.item.pk, { skPrefix: 'MSG#', cursor }));
  const lines = await Promise.all(
    items
      .filter((item) => isVisibleAt(item, now, reader))
      .map(async (item) => {
        try {
          return (await openedFields(deps.vault, region, interactionId, item)) as unknown as Line & {
            interactionId?: string;
          };
        } catch (error) {
          if (error instanceof DataKeyGone) return undefined;
          throw error;
        }
      }),
  );
  const messages = lines
    .filter((l): l is Line & { interactionId?: string } => l !== undefined)
    .map(({ interactionId: _id, ...line }) => ({ ...line, text: line.text ?? '' }));
  return { interactionId, messages };
}
