import type { Actor, TenantScope } from '../../../functions/domain/access/authorize';
import { LetheError } from '../../../functions/domain/errors';
import {
  assertMayConfirm,
  assertMayHandle,
  assertMaySee,
  SUBJECT_REQUEST_ROLES,
  type Caller,
} from '../../../functions/domain/access/subject-request-access';

const TENANT = '01HTENANTAAAAAAAAAAAAAAAAA';
const tenant: TenantScope = { tenantId: TENANT, supportAccess: true };
const staff = (role: Actor['role'], extra: Partial<Actor> = {}): Caller => ({
  kind: 'admin',
  tenantId: TENANT,
  role,
  userId: `u-${role}`,
  group: 'sales',
  support: role === 'support',
  ...extra,
});
const channel: Caller = { kind: 'channel' };

/** The error code an assertion throws, or 'allowed'. */
const outcome = (act: () => void): string => {
  try {
    act();
    return 'allowed';
  } catch (error) {
    if (error instanceof LetheError) return error.code;
    throw error;
  }
};

describe('who handles data-subject requests (subject-request.manage in the shared access decision)', () => {
  it('staff of the admin and legal roles handle them; managers, advisors and vendor support do not', () => {
    // Act
    const outcomes = (['admin', 'legal', 'manager', 'advisor', 'support'] as const).map((role) => [
      role,
      outcome(() => assertMayHandle(staff(role), tenant)),
    ]);
    // Assess
    expect(outcomes).toEqual([
      ['admin', 'allowed'],
      ['legal', 'allowed'],
      ['manager', 'FORBIDDEN'],
      ['advisor', 'FORBIDDEN'],
      ['support', 'FORBIDDEN'],
    ]);
    expect(SUBJECT_REQUEST_ROLES).toEqual(['admin', 'legal']);
  });

  it('an admin flagged as vendor support is read-only, so files, confirms and cancels nothing', () => {
    // Act / Assess
    expect(outcome(() => assertMayHandle(staff('admin', { support: true }), tenant))).toBe('FORBIDDEN');
  });

  it("another tenant's requests do not exist for staff", () => {
    // Act / Assess
    expect(outcome(() => assertMayHandle(staff('admin', { tenantId: '01HTENANTBBBBBBBBBBBBBBBBB' }), tenant))).toBe(
      'NOT_FOUND',
    );
  });

  it('a channel (its API key) files for its end user and follows only what channels filed; it never confirms', () => {
    // Act / Assess
    expect(outcome(() => assertMayHandle(channel, tenant))).toBe('allowed');
    expect(outcome(() => assertMaySee(channel, { requestedBy: { kind: 'channel' } }))).toBe('allowed');
    expect(outcome(() => assertMaySee(channel, { requestedBy: { kind: 'operator' } }))).toBe('FORBIDDEN');
    expect(outcome(() => assertMayConfirm(channel, tenant))).toBe('FORBIDDEN');
  });

  it('only the admin role confirms a channel-filed request, as the API document says (legal handles but does not confirm)', () => {
    // Act
    const outcomes = (['admin', 'legal', 'manager', 'advisor', 'support'] as const).map((role) => [
      role,
      outcome(() => assertMayConfirm(staff(role), tenant)),
    ]);
    // Assess
    expect(outcomes).toEqual([
      ['admin', 'allowed'],
      ['legal', 'FORBIDDEN'],
      ['manager', 'FORBIDDEN'],
      ['advisor', 'FORBIDDEN'],
      ['support', 'FORBIDDEN'],
    ]);
    expect(outcome(() => assertMayConfirm(staff('admin', { support: true }), tenant))).toBe('FORBIDDEN');
  });
});
