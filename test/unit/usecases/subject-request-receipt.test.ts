import type { Caller } from '../../../functions/domain/access/subject-request-access';
import { LetheError } from '../../../functions/domain/errors';
import type { Requester } from '../../../functions/domain/subject-requests/job';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { listSubjectRequests } from '../../../functions/usecases/subject-requests/list-requests';
import { viewSubjectRequest } from '../../../functions/usecases/subject-requests/view-request';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

const ADMIN: Requester = { kind: 'admin', userId: 'u-admin', role: 'admin', support: false };
const adminOf = (tenantId: string): Caller => ({
  kind: 'admin',
  tenantId,
  role: 'admin',
  userId: 'u-admin',
  support: false,
});
const erasure = (receivedAt?: string) => ({
  type: 'erase',
  identifiers: { email: 'letter@example.se' },
  ...(receivedAt ? { receivedAt } : {}),
});

/** The field problems a rejected filing names, as `path: message`. */
async function refusal(filing: Promise<unknown>): Promise<string[]> {
  const error = await filing.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LetheError)) throw new Error(`expected a LetheError, got ${String(error)}`);
  expect(error.status).toBe(400);
  return error.fields.map((f) => `${f.path}: ${f.message}`);
}

describe('a request received before it is filed (GDPR Art. 12(3): the month runs from receipt)', () => {
  it('is due one month after its receipt, not after its filing, and shows overdue once that has passed', async () => {
    // Prepare: a letter received on 20 January, keyed in on 2 March (the container's clock)
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    // Act
    const job = await fileSubjectRequest(subjectRequestDeps(c), tenantId, ADMIN, erasure('2026-01-20T10:00:00Z'));
    const view = await viewSubjectRequest(subjectRequestDeps(c), tenantId, adminOf(tenantId), job.requestId);
    // Assess
    expect(job.requestedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(view.dueAt).toBe('2026-02-20T10:00:00.000Z');
    expect(view.overdue).toBe(true);
    expect(view.daysLeft).toBeLessThan(0);
  });

  it('counts from the filing when no receipt is given', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    // Act
    const job = await fileSubjectRequest(subjectRequestDeps(c), tenantId, ADMIN, erasure());
    // Assess
    expect(job.requestedAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('refuses a receipt in the future or more than a year back, naming the field, and files nothing', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const deps = subjectRequestDeps(c);
    // Act
    const future = await refusal(fileSubjectRequest(deps, tenantId, ADMIN, erasure('2026-03-02T09:05:00Z')));
    const ancient = await refusal(fileSubjectRequest(deps, tenantId, ADMIN, erasure('2025-02-28T09:00:00Z')));
    const garbled = await refusal(fileSubjectRequest(deps, tenantId, ADMIN, erasure('20 January')));
    // Assess
    expect(future).toEqual([expect.stringMatching(/^receivedAt: is in the future/)]);
    expect(ancient).toEqual(['receivedAt: is more than 366 days ago']);
    expect(garbled).toEqual([expect.stringMatching(/^receivedAt: must be an ISO-8601 instant/)]);
    expect((await listSubjectRequests(deps, tenantId, adminOf(tenantId), {})).items).toEqual([]);
  });
});
