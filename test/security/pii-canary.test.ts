import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { API_OPERATIONS } from '../../functions/shared/openapi/document';
import { authsOf } from '../../functions/shared/openapi/operation';
import { callApi } from '../support/api';
import { env } from '../support/emulators';
import {
  as,
  converse,
  ingest,
  newTenant,
  subjectRequest,
  type StaffUser,
  type Tenant,
} from '../integration/admin/support';

/**
 * PII canaries: a person's e-mail, phone and name, unique to this run, go through ingest, search,
 * subject requests, holds and consents, and into the path, query and body of every operation
 * (valid or not); the stack's whole log output afterwards holds none of them.
 */
const tag = randomUUID().slice(0, 8);
const CANARY = {
  email: `canary.${tag}@example.org`,
  phone: `+4670${String(parseInt(tag, 16) % 10_000_000).padStart(7, '0')}`,
  name: `Canary${tag} Person`,
};
const FORMS = [
  CANARY.email,
  encodeURIComponent(CANARY.email),
  CANARY.phone,
  CANARY.phone.slice(1),
  encodeURIComponent(CANARY.phone),
  CANARY.name,
  encodeURIComponent(CANARY.name),
  `Canary${tag}`,
];

let tenant: Tenant;
let admin: StaffUser;

beforeAll(async () => {
  tenant = await newTenant('puzzel', 'PII canaries');
  admin = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
});

describe('no personal data reaches the logs', () => {
  it('the canaries appear nowhere in the log, after every route saw them', async () => {
    // Prepare
    const log = env('LETHE_LOCAL_STACK_LOG');
    const logBefore = readFileSync(log, 'utf8').length;
    // Act: the ordinary flows
    const { interactionId } = await converse(tenant, {
      group: 'sales',
      participant: CANARY,
      messages: [`I am ${CANARY.name}, mail ${CANARY.email}, phone ${CANARY.phone}`],
    });
    await ingest(tenant, '/v1/consents', {
      subject: { email: CANARY.email },
      purpose: 'storeContent',
      granted: true,
      noticeVersion: 'v1',
      channel: 'chat',
      at: new Date().toISOString(),
    });
    for (const key of ['email', 'phone', 'name'] as const)
      await as(admin, `/v1/interactions?${key}=${encodeURIComponent(CANARY[key])}`);
    await as(admin, '/v1/holds', { body: { identifiers: { email: CANARY.email }, reason: 'canary case' } });
    await subjectRequest(admin, {
      type: 'export',
      identifiers: { email: CANARY.email, phone: CANARY.phone },
      options: {},
    });
    await callApi('/v1/subject-requests', {
      body: { type: 'erase', identifiers: { email: CANARY.email }, options: {} },
      headers: { 'x-api-key': tenant.apiKey },
    });
    // Act: every operation, the canaries in path, query and body
    for (const op of API_OPERATIONS) {
      const path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent(CANARY.email));
      const query = `?email=${encodeURIComponent(CANARY.email)}&phone=${encodeURIComponent(CANARY.phone)}&name=${encodeURIComponent(CANARY.name)}`;
      const auths = authsOf(op);
      const headers: Record<string, string> =
        !auths.includes('admin') && auths.includes('apiKey') ? { 'x-api-key': tenant.apiKey } : {};
      const request = {
        method: op.method.toUpperCase(),
        headers,
        ...(op.method === 'get'
          ? {}
          : { body: { email: CANARY.email, phone: CANARY.phone, name: CANARY.name, interactionId: CANARY.email } }),
      };
      if (auths.includes('admin')) await as(admin, `${path}${query}`, request);
      else await callApi(`${path}${query}`, { ...request, operator: auths.includes('iam') });
    }
    await as(admin, `/v1/interactions/${interactionId}`);
    await new Promise((r) => setTimeout(r, 300));
    const written = readFileSync(log, 'utf8').slice(logBefore);
    // Assess
    expect(written.length).toBeGreaterThan(0);
    expect(FORMS.filter((form) => written.includes(form))).toEqual([]);
  }, 180_000);
});
