import type { InteractionView } from '../../domain/ingest/responses';
import type { Participant } from '../../domain/records';
import { ORDINARY_READER, type Reader } from '../../domain/retention/visibility';
import type { IngestDeps } from '../ingest/deps';
import { interactionIdOf } from '../ingest/interaction-id';
import { interactionFactsOf, locateInteraction } from '../ingest/interaction-info';
import { openedFields } from '../records/record-items';
import { hasStoredContent } from './stored-content';

/**
 * GET /v1/interactions/{id}: the general info as stored, the participant opened. An interaction
 * whose retention has ended is not found, whether or not the sweep has removed it yet, unless a
 * legal hold keeps it and the reader may see held data.
 */
export async function getInteraction(
  deps: Pick<IngestDeps, 'stores' | 'vault' | 'clock'>,
  tenantId: string,
  rawId: string | undefined,
  reader: Reader = ORDINARY_READER,
): Promise<InteractionView> {
  const interactionId = interactionIdOf(rawId);
  const located = await locateInteraction(deps, tenantId, interactionId, reader);
  const { info } = located;
  const opened = await openedFields(deps.vault, located.region, interactionId, located.item);
  return {
    ...interactionFactsOf(located),
    ...(opened.participant ? { participant: opened.participant as Participant } : {}),
    ...(typeof opened.externalId === 'string' ? { externalId: opened.externalId } : {}),
    consent: info.consent,
    contentStored: await hasStoredContent(deps, located.item.pk),
    flags: (info.flags ?? []) as InteractionView['flags'],
    expiresAt: new Date(info.expiresAt * 1000).toISOString(),
  };
}
