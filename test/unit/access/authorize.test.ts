import { ACCESS_ACTIONS, type AccessAction } from '../../../functions/domain/access/actions';
import {
  authorize,
  listingScope,
  withinScope,
  type Actor,
  type TenantScope,
} from '../../../functions/domain/access/authorize';
import { requireAccess } from '../../../functions/domain/access/require-access';
import { LetheError } from '../../../functions/domain/errors';

const TENANT = '01HTENANTAAAAAAAAAAAAAAAAA';
const OTHER_TENANT = '01HTENANTBBBBBBBBBBBBBBBBB';
const tenant: TenantScope = { tenantId: TENANT, supportAccess: true };
const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  tenantId: TENANT,
  role,
  userId: `u-${role}`,
  group: 'sales',
  support: role === 'support',
  ...extra,
});

const allowed = (
  a: Actor,
  action: AccessAction,
  interaction?: Parameters<typeof authorize>[2]['interaction'],
  scope = tenant,
) => authorize(a, action, { tenant: scope, ...(interaction ? { interaction } : {}) }).allowed;

describe('who may do what in the archive (iAdvize roles, Puzzel archive)', () => {
  it('an admin may do everything in the tenant except open the litigation archive', () => {
    const admin = actor('admin');
    expect(ACCESS_ACTIONS.filter((a) => !allowed(admin, a, { group: 'support-desk', agent: 'u-other' }))).toEqual([
      'litigation.retrieve',
    ]);
  });

  it('a manager reaches the interactions and reports of their own group only', () => {
    const manager = actor('manager', { group: 'sales' });
    expect(allowed(manager, 'recording.play', { group: 'sales' })).toBe(true);
    expect(allowed(manager, 'transcript.delete', { group: 'sales' })).toBe(true);
    expect(authorize(manager, 'recording.play', { tenant, interaction: { group: 'billing' } })).toEqual({
      allowed: false,
      status: 403,
      reason: 'the interaction belongs to another group than sales',
    });
    expect(allowed(manager, 'transcript.view', {})).toBe(false); // an interaction of no group is no manager's
    expect(authorize(manager, 'kpi.view', { tenant })).toMatchObject({ allowed: true, reach: 'group' });
    expect(allowed(manager, 'policy.change')).toBe(false);
    expect(allowed(manager, 'audit.view')).toBe(false);
  });

  it('a manager without a group in their token reaches nothing', () => {
    const manager = actor('manager', { group: undefined });
    expect(authorize(manager, 'interaction.search', { tenant })).toEqual({
      allowed: false,
      status: 403,
      reason: 'the manager role needs a group to interaction.search',
    });
  });

  it('an advisor reads only the interactions they handled, and exports nothing', () => {
    const advisor = actor('advisor', { userId: 'agent-7' });
    expect(allowed(advisor, 'transcript.view', { agent: 'agent-7', group: 'sales' })).toBe(true);
    expect(allowed(advisor, 'recording.play', { agent: 'agent-7' })).toBe(true);
    expect(allowed(advisor, 'transcript.view', { agent: 'agent-8', group: 'sales' })).toBe(false);
    for (const action of [
      'transcript.download',
      'recording.download',
      'interaction.export',
      'transcript.delete',
      'recording.delete',
      'kpi.view',
    ] as const)
      expect([action, allowed(advisor, action, { agent: 'agent-7' })]).toEqual([action, false]);
    expect(authorize(advisor, 'interaction.search', { tenant })).toMatchObject({ allowed: true, reach: 'handled' });
  });

  it('vendor support only reads, every access flagged, and only while the policy allows support access', () => {
    const support = actor('support');
    expect(authorize(support, 'transcript.view', { tenant, interaction: { group: 'x' } })).toEqual({
      allowed: true,
      reach: 'tenant',
      supportAccess: true,
    });
    expect(ACCESS_ACTIONS.filter((a) => allowed(support, a, {}))).toEqual([
      'interaction.search',
      'interaction.view',
      'transcript.view',
      'recording.play',
      'kpi.view',
      'policy.view',
      'register.view',
    ]);
    expect(
      authorize(support, 'transcript.view', { tenant: { ...tenant, supportAccess: false }, interaction: {} }),
    ).toEqual({
      allowed: false,
      status: 403,
      reason: 'support access is not enabled in the tenant policy',
    });
  });

  it('a user in the support group is support, whatever other role their token carries', () => {
    const adminAndSupport = actor('admin', { support: true });
    expect(allowed(adminAndSupport, 'recording.delete', {})).toBe(false);
    expect(allowed(adminAndSupport, 'policy.change')).toBe(false);
    expect(authorize(adminAndSupport, 'policy.view', { tenant })).toMatchObject({ allowed: true, supportAccess: true });
  });

  it('legal opens the litigation archive and restricted data, reads and downloads evidence, and changes nothing', () => {
    const legal = actor('legal');
    expect(allowed(legal, 'litigation.retrieve')).toBe(true);
    expect(allowed(legal, 'transcript.download', { restricted: true })).toBe(true);
    expect(allowed(legal, 'audit.view')).toBe(true);
    expect(allowed(legal, 'subject-request.manage')).toBe(true);
    for (const action of ['transcript.delete', 'recording.delete', 'policy.change', 'kpi.view'] as const)
      expect([action, allowed(legal, action, {})]).toEqual([action, false]);
  });

  it('the content of a restricted interaction (GDPR Art. 18) is for the legal role only; its general info stays visible', () => {
    const admin = actor('admin');
    const restricted = { restricted: true, group: 'sales' };
    expect(allowed(admin, 'interaction.view', restricted)).toBe(true);
    for (const action of [
      'transcript.view',
      'recording.play',
      'recording.download',
      'transcript.delete',
      'interaction.export',
    ] as const)
      expect([action, authorize(admin, action, { tenant, interaction: restricted })]).toEqual([
        action,
        {
          allowed: false,
          status: 403,
          reason: 'processing of this interaction is restricted: only the legal role may access its content',
        },
      ]);
  });

  it.each(['admin', 'manager', 'advisor', 'support', 'legal'] as const)(
    "another tenant's resource is a 404 for %s, never a 403 that would confirm it exists",
    (role) => {
      const someone = actor(role);
      for (const action of ACCESS_ACTIONS)
        expect(
          authorize(someone, action, {
            tenant: { tenantId: OTHER_TENANT, supportAccess: true },
            interaction: { group: 'sales', agent: someone.userId },
          }),
        ).toEqual({
          allowed: false,
          status: 404,
          reason: 'not found',
        });
    },
  );

  it('a denial becomes the API error: 404 worded as a miss, 403 saying why', () => {
    const manager = actor('manager');
    const miss = () =>
      requireAccess(
        manager,
        'transcript.view',
        { tenant: { tenantId: OTHER_TENANT, supportAccess: false } },
        'Interaction 01HX',
      );
    expect(miss).toThrow(new LetheError('NOT_FOUND', 'Interaction 01HX was not found.'));
    const denied = () => requireAccess(manager, 'policy.change', { tenant }, 'Tenant');
    expect(denied).toThrow(new LetheError('FORBIDDEN', 'Not allowed: the manager role may not policy.change.'));
  });

  it('a listing is narrowed to the group of a manager and to the interactions of an advisor', () => {
    expect(listingScope(actor('manager', { group: 'sales' }), 'group')).toEqual({ kind: 'group', group: 'sales' });
    expect(withinScope({ kind: 'group', group: 'sales' }, { group: 'billing' })).toBe(false);
    expect(withinScope({ kind: 'handled', agent: 'a-1' }, { agent: 'a-1' })).toBe(true);
    expect(withinScope({ kind: 'tenant' }, {})).toBe(true);
  });
});
