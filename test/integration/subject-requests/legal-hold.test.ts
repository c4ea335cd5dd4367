import { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';
import { LEGAL_HOLD_BASIS } from '../../../functions/domain/subject-requests/certificate';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { reapplyDeferredRequests } from '../../../functions/usecases/subject-requests/deferrals';
import { subjectRequestDeps, type SubjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { partitionPieces } from '../../../functions/usecases/subject-requests/find-subject';
import { requireJob } from '../../../functions/usecases/subject-requests/job-store';
import { runSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { newSubject, newTenant, storeSubject, testContainer } from './support';

describe('legal hold beats erasure, and the erasure follows the release', () => {
  it('an erasure leaves the held interaction, lists it with its lawful basis, and is re-applied automatically when the hold is released', async () => {
    // Prepare
    const c = testContainer();
    let deps: SubjectRequestDeps;
    const failures: unknown[] = [];
    const runner = new InProcessJobRunner(
      (t, r) => runSubjectRequest(deps, t, r),
      (error) => failures.push(error),
    );
    deps = subjectRequestDeps(c, runner);
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);
    const actor = {
      tenantId: tenant.tenantId,
      userId: 'counsel-1',
      role: 'legal' as const,
      support: false,
      from: '10.0.0.0/24',
    };
    const hold = await placeHold(c, actor, {
      interactionId: stored.chatId,
      reason: 'Claim 2024-117: keep the chat as evidence',
    });
    const chat = `T#${tenant.tenantId}#I#${stored.chatId}`;
    const sms = `T#${tenant.tenantId}#I#${stored.smsId}`;

    // Act
    const filed = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { email: a.email, phone: a.phone }, options: {} },
    );
    await runner.idle();
    const first = await requireJob(c.directory, tenant.tenantId, filed.requestId);
    const chatWhileHeld = await partitionPieces(c.stores, chat);
    await releaseHold(
      { ...c, afterRelease: (h) => reapplyDeferredRequests(deps, h.tenantId, h.holdId) },
      actor,
      hold.holdId,
    );
    await runner.idle();
    const second = await requireJob(c.directory, tenant.tenantId, first.requestId);

    // Assess
    expect(failures).toEqual([]);
    expect(first.status).toBe('completed');
    expect(first.result?.retained).toEqual([
      expect.objectContaining({
        reason: 'legal-hold',
        id: stored.chatId,
        holdIds: [hold.holdId],
        lawfulBasis: LEGAL_HOLD_BASIS,
        until: expect.stringContaining('until the legal hold is released'),
      }),
    ]);
    expect(first.result?.deferred).toEqual({ holdIds: [hold.holdId], partitions: 1 });
    expect(first.result?.verification).toMatchObject({ ok: true, remaining: 0, retained: 1 });
    expect(chatWhileHeld.flatMap((p) => p.items).map((i) => i.sk)).toEqual(
      expect.arrayContaining(['INFO', expect.stringMatching(/^MSG#/)]),
    );
    expect(await partitionPieces(c.stores, sms)).toEqual([]);
    expect(second).toMatchObject({ status: 'completed', round: 2 });
    expect(second.result?.verification).toMatchObject({ ok: true, remaining: 0, retained: 0 });
    expect(second.result?.retained).toEqual([]);
    expect(second.earlierResults).toEqual([
      expect.objectContaining({ round: 1, deferred: { holdIds: [hold.holdId], partitions: 1 } }),
    ]);
    expect(await partitionPieces(c.stores, chat)).toEqual([]);
    expect(second.subjectKeys).toBeUndefined();
  });
});
