import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, type Tenant } from './seed';
import { consoleUrl, logIn } from './session';

/**
 * The recipients a subject request told (GDPR Art. 19), on the request's page in a real browser
 * against the local runtime: a CRM that takes the webhook and a platform that keeps answering 503.
 * Screenshots go to test-artifacts/console/.
 */

jest.setTimeout(180_000);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A recipient on 127.0.0.1: /crm answers 200, anything else 503. */
async function recipientServer(): Promise<{ server: Server; url: (path: string) => string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url === '/crm' ? 200 : 503).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: (path) => `http://127.0.0.1:${port}${path}` };
}

async function asAdmin<T>(tenant: Tenant, path: string, body?: unknown, method?: string) {
  return callApi<T>(path, { headers: bearer(tenant.adminToken), body, method });
}

describe('the recipients told on the subject request page', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let recipients: Awaited<ReturnType<typeof recipientServer>>;
  let requestId: string;

  beforeAll(async () => {
    // Prepare: a policy naming two recipients, each with its own secret, and an erasure run to its end
    tenant = await createTenant('Console recipient deliveries E2E');
    recipients = await recipientServer();
    const secretRefs: string[] = [];
    for (const recipient of ['crm', 'platform']) {
      const made = await asAdmin<{ secretRef: string }>(tenant, '/v1/recipient-secrets', { recipient });
      expect(made.status).toBe(201);
      secretRefs.push(made.body.secretRef);
    }
    const read = (await asAdmin<{ policy: { subjectRequests: object } }>(tenant, '/v1/policy')).body.policy;
    const saved = await asAdmin(
      tenant,
      '/v1/policy',
      {
        ...read,
        subjectRequests: {
          ...read.subjectRequests,
          notifyRecipients: [
            { name: 'crm', url: recipients.url('/crm'), secretRef: secretRefs[0] },
            { name: 'platform', url: recipients.url('/platform'), secretRef: secretRefs[1] },
          ],
        },
      },
      'PUT',
    );
    expect(saved.status).toBe(200);
    const filed = await asAdmin<{ requestId: string }>(tenant, '/v1/subject-requests', {
      type: 'erase',
      identifiers: { email: 'told.recipients@example.se' },
      options: {},
    });
    expect(filed.status).toBe(202);
    requestId = filed.body.requestId;
    // The page shows the deliveries as the API has them: wait until the run made its first attempts.
    for (let i = 0; i < 100; i++) {
      const view = await asAdmin<{ status: string; deliveries?: Array<{ attempts: number }> }>(
        tenant,
        `/v1/subject-requests/${requestId}`,
      );
      if (view.body.deliveries?.length === 2 && view.body.deliveries.every((d) => d.attempts > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => recipients?.server.close(() => resolve()));
  });

  it('shows each recipient with its delivery status, attempts and last answer', async () => {
    // Act
    await page.goto(`${consoleUrl()}#/subject-requests/${requestId}`);
    const table = page.getByRole('region', { name: 'Recipient deliveries' });
    await table.waitFor();
    // Assess
    const crm = await table.locator('tr[data-recipient="crm"] th, tr[data-recipient="crm"] td').allTextContents();
    const platform = await table
      .locator('tr[data-recipient="platform"] th, tr[data-recipient="platform"] td')
      .allTextContents();
    expect(crm.slice(0, 5)).toEqual(['crm', '1', 'delivered', '1', 'HTTP 200']);
    expect(platform.slice(0, 5)).toEqual(['platform', '1', 'pending', '1', 'HTTP 503']);
    expect(platform[6]).toMatch(/^next /);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    await browser.screenshot('recipient-deliveries');
  });
});
