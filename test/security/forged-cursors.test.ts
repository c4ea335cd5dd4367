import { as, editPolicy, newTenant, type StaffUser } from '../integration/admin/support';

/**
 * A forged paging token (finding L1) is a 400 naming nextToken on every paged listing, never a
 * 500 from the store: right tenant partition, arbitrary sort key. The decoder's every rule is
 * in test/unit/paging/cursor.test.ts.
 */
const forged = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
let admin: StaffUser;

beforeAll(async () => {
  const tenant = await newTenant('puzzel', 'Forged cursors');
  admin = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
  for (const supportAccess of [true, false]) {
    const saved = await editPolicy(admin, (p) => {
      p.access.supportAccess = supportAccess;
    });
    if (saved.status !== 200) throw new Error(`policy edit answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  }
});

describe('forged paging tokens are refused as bad input', () => {
  const pk = () => `TENANT#${admin.tenantId}`;
  it.each([
    ['/v1/policy/revisions', () => ({ pk: pk(), sk: 'ZZZ' })],
    ['/v1/policy/revisions', () => ({ pk: pk(), sk: 'POLICY#1', extra: 'x' })],
    ['/v1/policy/revisions', () => ({ pk: pk(), sk: 12 })],
  ])('%s answers 400 naming nextToken to a forged token', async (path, key) => {
    // Act
    const res = await as<{ error: { code: string; fields: Array<{ path: string }> } }>(
      admin,
      `${path}?limit=1&nextToken=${forged(key())}`,
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path)).toEqual(['nextToken']);
  });

  it('a token the listing handed out still pages on', async () => {
    // Prepare
    const first = await as<{ items: unknown[]; nextToken?: string }>(admin, '/v1/policy/revisions?limit=1');
    // Act
    const second = await as<{ items: unknown[] }>(
      admin,
      `/v1/policy/revisions?limit=1&nextToken=${first.body.nextToken}`,
    );
    // Assess
    expect(first.body.nextToken).toBeDefined();
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
  });
});
