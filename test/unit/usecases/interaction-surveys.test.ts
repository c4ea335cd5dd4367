import type { SettableClock } from '../../../functions/domain/clock';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import type { Actor } from '../../../functions/domain/access/authorize';
import { interactionSurveys } from '../../../functions/usecases/admin/interaction-surveys';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { submitSurvey } from '../../../functions/usecases/ingest/submit-survey';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const staff = (tenantId: string, role: Actor['role'], group?: string): Actor => ({
  tenantId,
  role,
  userId: `u-${role}`,
  support: false,
  ...(group ? { group } : {}),
});
const EMAIL = 'surveyed.visitor@example.se';

/** A chat of the `desk` group with two surveys answered about it, through the ingest use cases. */
async function surveyedChat(c: Container, tenantId: string): Promise<string> {
  const { interactionId } = (
    await startInteraction(c, tenantId, {
      body: { channel: 'chat', startedAt: c.clock.now().toISOString(), group: 'desk', participant: { email: EMAIL } },
    })
  ).body;
  await submitSurvey(c, tenantId, { body: { interactionId, score: 9, comment: 'Quick and friendly' } });
  c.clock.set(new Date(c.clock.now().getTime() + 60_000));
  await submitSurvey(c, tenantId, { body: { interactionId, score: 2 } });
  return interactionId;
}

describe('the surveys of an interaction (GET /v1/interactions/{id}/surveys)', () => {
  it('lists each survey with its score and comment, oldest first, and audits the read of the comments', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await surveyedChat(c, tenantId);

    // Act
    const read = await interactionSurveys(adminDepsOf(c), { actor: staff(tenantId, 'admin') }, interactionId);

    // Assess
    expect(read.surveys.map(({ score, comment }) => ({ score, comment }))).toEqual([
      { score: 9, comment: 'Quick and friendly' },
      { score: 2, comment: undefined },
    ]);
    const audited = await c.auditLog.list(tenantId, { action: 'interaction.view', interactionId });
    expect(audited.items.map((e) => e.details)).toEqual([{ surveys: 2, comments: 1 }]);
  });

  it('withholds the comments of a restricted interaction from a manager of its group, and shows them to legal', async () => {
    // Prepare: the visitor asks to restrict processing (GDPR Art. 18)
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await surveyedChat(c, tenantId);
    const deps = subjectRequestDeps(c);
    const restrict = await fileSubjectRequest(
      deps,
      tenantId,
      { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
      { type: 'restrict', identifiers: { email: EMAIL } },
    );
    expect((await executeSubjectRequest(deps, tenantId, restrict.requestId)).status).toBe('completed');

    // Act
    const asManager = await interactionSurveys(
      adminDepsOf(c),
      { actor: staff(tenantId, 'manager', 'desk') },
      interactionId,
    );
    const asLegal = await interactionSurveys(adminDepsOf(c), { actor: staff(tenantId, 'legal') }, interactionId);

    // Assess
    expect(
      asManager.surveys.map(({ score, comment, commentWithheld }) => ({ score, comment, commentWithheld })),
    ).toEqual([
      { score: 9, comment: undefined, commentWithheld: true },
      { score: 2, comment: undefined, commentWithheld: true },
    ]);
    expect(asLegal.surveys[0]).toMatchObject({ score: 9, comment: 'Quick and friendly' });
  });

  it('is refused (403) to a manager of another group', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await surveyedChat(c, tenantId);

    // Act
    const asked = interactionSurveys(
      adminDepsOf(c),
      { actor: staff(tenantId, 'manager', 'other-desk') },
      interactionId,
    );

    // Assess
    await expect(asked).rejects.toMatchObject({ status: 403 });
  });
});
