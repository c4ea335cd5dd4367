import type { Actor } from '../../../functions/domain/access/authorize';
import type { SettableClock } from '../../../functions/domain/clock';
import type { Requester } from '../../../functions/domain/subject-requests/job';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import type { inMemoryContainer } from '../../support/in-memory-container';

/** What the search-by-name-start and backfill tests share: a chat per person, the search, raw items, a request run to its end. */
export type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });
const ADMIN: Requester = { kind: 'admin', userId: 'u-admin', role: 'admin', support: false };
export const PREFIX_SK = 'SUBJ#namePrefix#';

/** A chat of one participant (named or not); its interaction id. */
export async function converse(c: Container, tenantId: string, name?: string): Promise<string> {
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant: name ? { name } : {} },
  });
  return started.body.interactionId;
}

/** The ids an admin's search finds, sorted. */
export const search = async (c: Container, tenantId: string, query: Record<string, string>) =>
  (await searchInteractions(adminDepsOf(c), { actor: adminOf(tenantId) }, query)).items
    .map((i) => i.interactionId)
    .sort();

/** Every item of the tenant in every region's records table, as stored. */
export const rawItems = (c: Container, tenantId: string) =>
  c.stores.regions.flatMap((r) => c.stores.storesFor(r).records.rawItems()).filter((i) => i.tenantId === tenantId);
export const partitionOf = (c: Container, tenantId: string, interactionId: string) =>
  rawItems(c, tenantId).filter((i) => i.pk.endsWith(`#I#${interactionId}`));

/** A subject request filed by an admin and run to its end. */
export async function request(c: Container, tenantId: string, body: Record<string, unknown>) {
  const deps = subjectRequestDeps(c);
  const filed = await fileSubjectRequest(deps, tenantId, ADMIN, body);
  return executeSubjectRequest(deps, tenantId, filed.requestId);
}
