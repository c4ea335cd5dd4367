import { objectedPurposes, withdrawnPurposes } from '../../domain/ingest/consent';
import type { IngestDeps } from './deps';
import { standingOf } from './standing-reader';
import type { TenantContext } from './tenant-context';

/** The purposes ingest asks about: content, recording, and the GDPR notice that covers both. */
const INGEST_PURPOSES = ['storeContent', 'recording', 'gdpr'];

/**
 * The purposes a subject has withdrawn, and those they objected to by now: what ingest refuses to
 * store for them. The one consent check of every ingest path (interactions, messages, recordings,
 * surveys): one keyed read of the standing markers per key (standing-reader.ts), as
 * `GET /v1/consents/standing` reads them, so both answer alike.
 */
export async function refusalsFor(
  deps: Pick<IngestDeps, 'stores' | 'clock' | 'directory'>,
  tenant: TenantContext,
  subjectHmacs: readonly string[],
): Promise<{ withdrawn: Set<string>; objected: Set<string> }> {
  const standing = await standingOf(deps, tenant.tenantId, subjectHmacs, INGEST_PURPOSES);
  return {
    withdrawn: withdrawnPurposes(standing),
    objected: objectedPurposes(standing, deps.clock.now().toISOString()),
  };
}
