import { objectedPurposes, withdrawnPurposes } from '../../domain/ingest/consent';
import type { IngestDeps } from './deps';
import { standingOf } from './standing-reader';
import type { TenantContext } from './tenant-context';

/** The purposes ingest asks about: content, recording, and the GDPR notice that covers both. */
const INGEST_PURPOSES = ['storeContent', 'recording', 'gdpr'];
/** What decides whether content may be stored (`contentRefusal`): its own purpose and the GDPR notice. */
export const CONTENT_PURPOSES = ['storeContent', 'gdpr'];

/**
 * The purposes a subject has withdrawn, and those they objected to by now: what ingest refuses to
 * store for them. The one consent check of every ingest path (interactions, messages, recordings,
 * surveys): one batched keyed read of the standing markers of `purposes` (standing-reader.ts;
 * each key asked is a read, so a route asks only what its rule needs), as
 * `GET /v1/consents/standing` reads them, so both answer alike.
 */
export async function refusalsFor(
  deps: Pick<IngestDeps, 'stores' | 'clock' | 'directory'>,
  tenant: TenantContext,
  subjectHmacs: readonly string[],
  purposes: readonly string[] = INGEST_PURPOSES,
): Promise<{ withdrawn: Set<string>; objected: Set<string> }> {
  const standing = await standingOf(deps, tenant.tenantId, subjectHmacs, purposes);
  return {
    withdrawn: withdrawnPurposes(standing),
    objected: objectedPurposes(standing, deps.clock.now().toISOString()),
  };
}
