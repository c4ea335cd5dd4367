import type { Page } from 'playwright-core';
import { callApi } from '../../support/api';
import { recordsOf } from '../retention/support';
import { launchConsoleBrowser, type ConsoleBrowser } from './browser';
import { createTenant, ingestConversation, type Tenant } from './seed';
import { consoleUrl, logIn, runtimeNow } from './session';

/**
 * The privacy officer's request desk (issue 16), in a real browser against the local runtime: a
 * request a channel filed is verified and confirmed from the console and runs to its certificate;
 * a request past its due date is marked overdue on the desk and in its filter; an objection to
 * recording filed in the console stops the channels recording that person. Screenshots go to
 * test-artifacts/console/.
 */

jest.setTimeout(180_000);

const ERASED = '+46 70 222 33 44';
const LATE = '+46 70 333 44 55';
const OBJECTOR = '+46 70 444 55 66';
const GROUP = 'malmo';
const DAY_MS = 86_400_000;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface RequestView {
  status: string;
  overdue: boolean;
  daysLeft?: number;
}

/** A call from `phone` a few minutes ago, as a channel ingests it. */
async function callFrom(tenant: Tenant, phone: string): Promise<{ interactionId: string }> {
  const now = await runtimeNow();
  return ingestConversation(tenant, {
    channel: 'call',
    startedAt: new Date(now.getTime() - 30 * 60_000),
    queue: 'claims',
    agent: 'agent-5',
    group: GROUP,
    participant: { phone },
    messages: [{ from: 'visitor', text: 'Please stop keeping my calls.' }],
  });
}

/**
 * A channel files a request for the person at `phone` with its API key; it waits for verification.
 * `receivedAt` dates its receipt earlier (a request the channel took before passing it on).
 */
async function channelFiles(tenant: Tenant, type: string, phone: string, receivedAt?: Date): Promise<string> {
  const filed = await callApi<{ requestId: string }>('/v1/subject-requests', {
    body: {
      type,
      identifiers: { phone },
      options: {},
      ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
    },
    headers: { 'x-api-key': tenant.apiKey },
  });
  if (filed.status !== 202)
    throw new Error(`the channel's request answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  return filed.body.requestId;
}

/** Opens the desk with the filters given (labels as the form shows them) and waits for its answer. */
async function showDesk(page: Page, filters: Record<string, string> = {}): Promise<void> {
  await page.goto(`${consoleUrl()}#/requests`);
  await page.getByRole('heading', { level: 1, name: 'Request desk' }).waitFor();
  for (const [label, value] of Object.entries(filters)) await page.getByLabel(label).selectOption(value);
  await page.getByRole('button', { name: 'Show requests' }).click();
  await page.getByRole('heading', { level: 2, name: /^Requests/ }).waitFor();
}

describe("the privacy officer's request desk", () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;

  const asApi = async (requestId: string) =>
    (await callApi<RequestView>(`/v1/subject-requests/${requestId}`, { headers: bearer(tenant.adminToken) })).body;

  beforeAll(async () => {
    // Prepare: a fresh tenant, so its desk holds only this file's requests
    tenant = await createTenant('Console privacy desk E2E');
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("verifies a channel's request in the console, confirms it after a second look, and follows it to its certificate", async () => {
    // Prepare: the person's call, and their erasure request filed by the channel
    const call = await callFrom(tenant, ERASED);
    const requestId = await channelFiles(tenant, 'erase', ERASED);
    await showDesk(page, { Status: 'pending-verification' });
    const row = page.locator(`tr[data-request="${requestId}"]`);
    await row.getByRole('link').click();
    await page.getByText('Verify the person against').waitFor();
    expect(await page.locator('#request-status').textContent()).toContain(`phone: •••${ERASED.slice(-2)}`);
    await browser.screenshot('desk-verify-pending');
    // Act: the officer asks to confirm, then steps back in the dialog
    await page.getByRole('button', { name: 'Confirm request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm the request?' });
    await dialog.waitFor();
    await browser.screenshot('desk-verify-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Assess: nothing ran
    await dialog.waitFor({ state: 'detached' });
    expect((await asApi(requestId)).status).toBe('pending-verification');
    // Act: the person verified, the officer confirms
    await page.getByRole('button', { name: 'Confirm request' }).click();
    await dialog.getByRole('button', { name: 'Confirm and run' }).click();
    // Assess: it runs to its certificate, and the call is gone from storage
    await page.getByRole('heading', { level: 2, name: 'Certificate' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#request-status').textContent()).toContain('completed');
    expect(await page.locator('#outcome-title + dl').textContent()).toMatch(/Verification\s*passed/);
    const done = await asApi(requestId);
    expect(done.status).toBe('completed');
    const audit = await callApi<{ items: Array<{ actor: { role: string }; details: Record<string, unknown> }> }>(
      '/v1/audit?action=subject-request',
      { headers: bearer(tenant.adminToken) },
    );
    const confirmed = audit.body.items.filter(
      (e) => e.details.requestId === requestId && e.details.phase === 'confirmed',
    );
    expect(confirmed.map((e) => e.actor.role)).toEqual(['admin']);
    const pk = `T#${tenant.tenantId}#I#${call.interactionId}`;
    expect((await recordsOf(tenant.tenantId)).filter((item) => item.pk === pk)).toEqual([]);
    await browser.screenshot('desk-verify-certificate');
  });

  it('marks a request past its due date overdue on the desk, and the "Overdue only" filter shows it alone', async () => {
    // Prepare: a channel took an export request 40 days ago (due one month after receipt) and nobody answered it
    const lateId = await channelFiles(tenant, 'export', LATE, new Date((await runtimeNow()).getTime() - 40 * DAY_MS));
    const freshId = await channelFiles(tenant, 'export', LATE.replace('55', '56'));
    // Act
    await showDesk(page);
    // Assess: marked overdue, days left below zero, no extension offered any more; the fresh one is not
    const late = page.locator(`tr[data-request="${lateId}"]`);
    const fresh = page.locator(`tr[data-request="${freshId}"]`);
    await late.waitFor();
    expect(await late.getAttribute('class')).toBe('overdue');
    expect(await late.locator('.overdue-marker').textContent()).toBe('Overdue');
    const view = await asApi(lateId);
    expect(view.overdue).toBe(true);
    expect(await late.locator('td.num').textContent()).toBe(`${view.daysLeft} Overdue`);
    expect(view.daysLeft).toBeLessThan(0);
    expect(await late.getByRole('button', { name: 'Extend' }).count()).toBe(0);
    expect(await fresh.locator('.overdue-marker').count()).toBe(0);
    await browser.screenshot('desk-overdue');
    // Act
    await showDesk(page, { Deadline: 'true' });
    // Assess
    expect(
      await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request'))),
    ).toEqual([lateId]);
    await browser.screenshot('desk-overdue-only');
    // Act: the request's own page
    await late.getByRole('link').click();
    // Assess
    await page.locator('#request-status .overdue-marker').waitFor();
    expect(await page.locator('#request-status').textContent()).toMatch(/\(-\d+ days left\)\s*Overdue/);
    await browser.screenshot('desk-overdue-request');
  });

  it("records an objection to recording filed in the console: the channel's next recording of that person is refused, and the consents page shows it", async () => {
    // Prepare: the person has called before; the officer files their objection
    await callFrom(tenant, OBJECTOR);
    await page.goto(`${consoleUrl()}#/subject-requests`);
    await page.getByLabel('Object / unsubscribe').check();
    await page.getByLabel('Phone number').fill(OBJECTOR);
    await page.getByLabel(/^Purpose/).fill('recording');
    // Act
    await page.getByRole('button', { name: 'Submit request' }).click();
    // Assess: it completes with its certificate
    await page.waitForURL(/#\/subject-requests\/[0-9A-Z]{26}$/);
    const requestId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { level: 2, name: 'Certificate' }).waitFor({ timeout: 60_000 });
    expect((await asApi(requestId)).status).toBe('completed');
    await browser.screenshot('objection-certificate');
    // Act: the person calls again, the caller's consent to recording given as usual, and the channel asks to record
    const now = await runtimeNow();
    const started = await callApi<{ interactionId: string }>('/v1/interactions', {
      body: {
        channel: 'call',
        startedAt: now.toISOString(),
        queue: 'claims',
        agent: 'agent-5',
        group: GROUP,
        participant: { phone: OBJECTOR },
        consent: { storeContent: true, recording: true, gdpr: { granted: true, noticeVersion: 'v1' } },
      },
      headers: { 'x-api-key': tenant.apiKey },
    });
    expect(started.status).toBe(201);
    const { interactionId } = started.body;
    const recording = await callApi<{ error: { code: string; message: string } }>(
      `/v1/interactions/${interactionId}/recording`,
      { body: { contentType: 'audio/mpeg' }, headers: { 'x-api-key': tenant.apiKey } },
    );
    // Assess: refused for the objection, marked on the interaction, and no recording stored
    expect(recording.status).toBe(403);
    expect(recording.body.error.code).toBe('CONSENT_REFUSED');
    expect(recording.body.error.message).toContain('objected to recording');
    const detail = await callApi<{ flags: string[] }>(`/v1/interactions/${interactionId}`, {
      headers: bearer(tenant.adminToken),
    });
    expect(detail.body.flags).toContain('deny_recording');
    const pk = `T#${tenant.tenantId}#I#${interactionId}`;
    const stored = (await recordsOf(tenant.tenantId)).filter((item) => item.pk === pk);
    expect(stored.filter((item) => String(item.sk).startsWith('REC#'))).toEqual([]);
    // Act: the consents page, by the person's phone
    await page.goto(`${consoleUrl()}#/consents`);
    await page.getByRole('form', { name: 'Consents of a person' }).getByLabel('Phone number').fill(OBJECTOR);
    await page.getByRole('button', { name: 'Show consents of the person' }).click();
    // Assess: the objection, linked to its request, and the number nowhere on the page
    const objection = page.locator(`tr[data-consent="${requestId}"]`);
    await objection.waitFor();
    const headers = await page.getByRole('region', { name: 'Consent records' }).locator('thead th').allTextContents();
    const cells = await objection.locator('td').allTextContents();
    expect(cells[headers.indexOf('Purpose')]).toBe('recording');
    expect(cells[headers.indexOf('Standing')]).toBe('objection');
    expect(cells[headers.indexOf('Request')]).toBe(requestId);
    expect(await page.locator('#consent-results').textContent()).not.toContain(OBJECTOR.replace(/\D/g, '').slice(-6));
    await browser.screenshot('objection-consents');
  });

  it('never broke its Content-Security-Policy on any page', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});
