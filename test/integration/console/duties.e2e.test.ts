import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, SCREENSHOTS, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, ingestConversation, type Tenant } from './seed';
import { consoleUrl, logIn, runtimeNow } from './session';

/**
 * A console page for every duty (issue 16), in a real browser against the local runtime: a privacy
 * officer places and releases a hold, reads the register and downloads it, reads a person's
 * consents, sees what the night's sweep sealed, and the legal role retrieves the sealed batch;
 * a manager is offered none of these pages. Screenshots go to test-artifacts/console/.
 */

jest.setTimeout(180_000);

const CALLER = '+46 70 765 43 21';
const CUSTOMER = '+46 73 111 22 33';
const GROUP = 'stockholm';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The operator's sweep of one tenant as of `now`, called again until every unit is reached. */
async function sweepAt(tenantId: string, now: string): Promise<void> {
  let after: string | undefined;
  do {
    const res = await callApi<{ nextUnit?: string }>('/v1/sweeps', { operator: true, body: { tenantId, now, after } });
    if (res.status !== 200) throw new Error(`POST /v1/sweeps answered ${res.status}: ${JSON.stringify(res.body)}`);
    after = res.body.nextUnit;
  } while (after);
}

/** Opens a page through the nav, as a user clicks it. */
async function openFromNav(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('a console page for every duty', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let call: { interactionId: string };
  let chat: { interactionId: string };
  let legal: string;

  beforeAll(async () => {
    // Prepare: an iAdvize tenant (calls kept 12 months, then sealed for litigation) with a call and a chat, and a consent proof
    tenant = await createTenant('Console duties E2E', 'iadvize');
    const now = await runtimeNow();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    call = await ingestConversation(tenant, {
      channel: 'call',
      startedAt: minutesAgo(30),
      queue: 'claims',
      agent: 'agent-2',
      group: GROUP,
      participant: { phone: CALLER },
      messages: [{ from: 'visitor', text: 'I want to report damage.' }],
    });
    chat = await ingestConversation(tenant, {
      channel: 'chat',
      startedAt: minutesAgo(20),
      queue: 'sales',
      agent: 'agent-4',
      group: GROUP,
      participant: { phone: CUSTOMER },
      messages: [{ from: 'visitor', text: 'Do you have it in blue?' }],
    });
    const proof = await callApi('/v1/consents', {
      body: {
        subject: { phone: CUSTOMER },
        purpose: 'recording',
        granted: true,
        noticeVersion: 'v7',
        channel: 'chat',
        at: now.toISOString(),
      },
      headers: { 'x-api-key': tenant.apiKey },
    });
    expect(proof.status).toBe(201);
    legal = await localAdminToken({ tenant: tenant.tenantId, role: 'legal', user: 'counsel-1', hours: '1' });
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('places a hold on an interaction, shows what it keeps, and releases it after confirmation', async () => {
    // Prepare
    await openFromNav(page, 'Holds', 'Legal holds');
    await page.getByLabel('Interaction id').fill(chat.interactionId);
    await page.getByLabel('Reason').fill('Claim 2026-88');
    // Act
    await page.getByRole('button', { name: 'Place hold' }).click();
    // Assess: placed, listed with the interaction it keeps
    await page.getByText(/^Hold [0-9A-Z]{26} placed:/).waitFor();
    const holds = await callApi<{ holds: Array<{ holdId: string; releasedAt?: string }> }>('/v1/holds', {
      headers: bearer(tenant.adminToken),
    });
    expect(holds.body.holds).toHaveLength(1);
    const { holdId } = holds.body.holds[0];
    const row = page.locator(`tr[data-hold="${holdId}"]`);
    await row.waitFor();
    const headers = await page.getByRole('region', { name: 'Legal holds' }).locator('thead th').allTextContents();
    const cells = await row.locator('td').allTextContents();
    expect(cells[headers.indexOf('Keeps')]).toBe(`Interaction ${chat.interactionId}`);
    expect(cells[headers.indexOf('Interactions kept')]).toBe('1');
    expect(cells[headers.indexOf('Reason')]).toBe('Claim 2026-88');
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('holds');
    // Act
    await row.getByRole('button', { name: 'Release' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release hold' }).click();
    // Assess
    await page.getByText(`Hold ${holdId} released:`).waitFor();
    await expect(row.textContent()).resolves.not.toContain('active');
    const after = await callApi<{ holds: Array<{ releasedAt?: string }> }>('/v1/holds', {
      headers: bearer(tenant.adminToken),
    });
    expect(after.body.holds[0].releasedAt).toEqual(expect.any(String));
    await browser.screenshot('holds-released');
  });

  it('places a hold on a person by phone, keeping their interaction, without showing the number; then releases it', async () => {
    // Prepare
    await page.goto(`${consoleUrl()}#/holds`);
    await page.getByLabel('Everything about a person').check();
    await page.getByLabel('Phone number').fill(CALLER);
    await page.getByLabel('Reason').fill('Complaint 2026-12');
    // Act
    await page.getByRole('button', { name: 'Place hold' }).click();
    // Assess
    await page.getByText(/^Hold [0-9A-Z]{26} placed:/).waitFor();
    const row = page.locator('tr', { hasText: 'Complaint 2026-12' });
    await row.waitFor();
    const headers = await page.getByRole('region', { name: 'Legal holds' }).locator('thead th').allTextContents();
    const cells = await row.locator('td').allTextContents();
    expect(cells[headers.indexOf('Keeps')]).toBe('A person (1 keyed identifier)');
    expect(cells[headers.indexOf('Interactions kept')]).toBe('1');
    const search = await callApi<{ items: Array<{ interactionId: string; holds: string[] }> }>(
      '/v1/interactions?held=true',
      { headers: bearer(tenant.adminToken) },
    );
    expect(search.body.items.map((i) => i.interactionId)).toEqual([call.interactionId]);
    expect(await page.locator('main').textContent()).not.toContain(CALLER.replace(/\D/g, '').slice(-6));
    await browser.screenshot('holds-person');
    // Act: released, so the call follows its retention again
    await row.getByRole('button', { name: 'Release' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release hold' }).click();
    // Assess
    await page.getByText(/^Hold [0-9A-Z]{26} released:/).waitFor();
    expect(await row.locator('td').nth(headers.indexOf('Interactions kept')).textContent()).toBe('—');
  });

  it('renders the record of processing in sections and downloads it as Markdown', async () => {
    // Act
    await openFromNav(page, 'Register', 'Record of processing');
    const activities = page.getByRole('region', { name: 'Processing activities' });
    await activities.waitFor();
    // Assess: the controller and a row per data class, as the API answers them
    const register = await callApi<{ activities: Array<{ dataClass: string; lawfulBasis: string }> }>('/v1/register', {
      headers: bearer(tenant.adminToken),
    });
    expect(await page.locator('dl.info').first().textContent()).toContain('Console duties E2E');
    expect(
      await activities.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class'))),
    ).toEqual(register.body.activities.map((a) => a.dataClass));
    expect(await activities.locator('tr[data-class="interaction"]').textContent()).toContain(
      register.body.activities.find((a) => a.dataClass === 'interaction')?.lawfulBasis,
    );
    await browser.screenshot('register');
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    const file = join(SCREENSHOTS, 'register.md');
    await download.saveAs(file);
    // Assess
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^# /);
    expect(markdown).toContain('Console duties E2E');
  });

  it("lists a person's consent proofs by phone, and an interaction's reported consent by its id", async () => {
    // Prepare
    await openFromNav(page, 'Consents', 'Consent records');
    await page.getByRole('form', { name: 'Consents of a person' }).getByLabel('Phone number').fill(CUSTOMER);
    // Act
    await page.getByRole('button', { name: 'Show consents of the person' }).click();
    // Assess
    const records = page.getByRole('region', { name: 'Consent records' });
    await records.waitFor();
    const proofs = await records.locator('tbody tr').allTextContents();
    expect(proofs.some((p) => p.includes('recording') && p.includes('granted') && p.includes('v7'))).toBe(true);
    expect(await page.locator('#consent-results').textContent()).not.toContain(CUSTOMER);
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('consents-person');
    // Act
    await page.getByLabel('Interaction id').fill(chat.interactionId);
    await page.getByRole('button', { name: 'Show consents of the interaction' }).click();
    // Assess
    await page.getByText('The channel reported: content').waitFor();
    expect(await page.locator('#consent-results h2').textContent()).toContain(chat.interactionId);
    await browser.screenshot('consents-interaction');
  });

  it("shows what the night's sweep sealed per class and region once the call's 12 months are over", async () => {
    // Prepare
    const detail = await callApi<{ expiresAt: string }>(`/v1/interactions/${call.interactionId}`, {
      headers: bearer(tenant.adminToken),
    });
    const night = new Date(new Date(detail.body.expiresAt).getTime() + 1000).toISOString();
    await sweepAt(tenant.tenantId, night);
    // Act
    await openFromNav(page, 'Sweeps', 'Sweep history');
    const run = page.locator(`section[data-swept-at="${night}"]`);
    await run.waitFor();
    // Assess: the sealed call, in the row of its class and region, as the history API has it
    const history = await callApi<{
      items: Array<{ sweptAt: string; rows: Array<{ dataClass: string; region: string; tally: { sealed: number } }> }>;
    }>('/v1/sweep-history', { headers: bearer(tenant.adminToken) });
    const sealedRow = history.body.items[0].rows.find((r) => r.dataClass === 'interaction' && r.tally.sealed > 0);
    expect(sealedRow).toBeDefined();
    const row = run.locator(`tr[data-class="interaction"][data-region="${sealedRow?.region}"]`);
    const headers = await run.locator('thead th').allTextContents();
    expect((await row.locator('td').allTextContents())[headers.indexOf('sealed') - 1]).toBe(
      String(sealedRow?.tally.sealed),
    );
    await browser.screenshot('sweeps');
  });

  it('lists the sealed batches with their retention end; only the legal role retrieves one, and the retrieval is audited', async () => {
    // Prepare
    const listed = await callApi<{ batches: Array<{ batchId: string; sealedClass: string; records: number }> }>(
      '/v1/litigation/batches',
      { headers: bearer(tenant.adminToken) },
    );
    const batch = listed.body.batches.find((b) => b.sealedClass === 'interaction');
    expect(batch).toBeDefined();
    // Act: an admin lists them
    await openFromNav(page, 'Litigation', 'Litigation archive');
    const row = page.locator(`tr[data-batch="${batch?.batchId}"]`);
    await row.waitFor();
    // Assess: listed, without the retrieval an admin may not make
    expect(await row.textContent()).toContain(String(batch?.records));
    expect(await row.getByRole('button', { name: 'Retrieve' }).count()).toBe(0);
    await browser.screenshot('litigation-admin');
    // Act: the legal role retrieves it
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, legal);
    await openFromNav(page, 'Litigation', 'Litigation archive');
    await row.getByRole('button', { name: 'Retrieve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retrieve' }).click();
    // Assess
    await page.getByRole('heading', { level: 2, name: `Retrieval of batch ${batch?.batchId}` }).waitFor();
    expect(await page.locator('#retrieval').textContent()).toContain(`${batch?.batchId}.sealed`);
    expect(await page.locator('#retrieval').textContent()).toContain(
      `lethe litigation export --tenant ${tenant.tenantId} --batch ${batch?.batchId}`,
    );
    const audit = await callApi<{ items: Array<{ action: string; details: { batchId?: string } }> }>(
      '/v1/audit?action=litigation.retrieve',
      { headers: bearer(tenant.adminToken) },
    );
    expect(audit.body.items.map((e) => e.details.batchId)).toEqual([batch?.batchId]);
    await browser.screenshot('litigation-legal');
  });

  it('offers a manager none of these pages: no nav entry, and the address typed in shows nothing of them', async () => {
    // Prepare
    const manager = await localAdminToken({
      tenant: tenant.tenantId,
      role: 'manager',
      group: GROUP,
      user: 'm-1',
      hours: '1',
    });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, manager);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    // Assess: the nav offers what a manager may use, nothing else
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Search', 'KPIs']);
    // Act
    for (const path of ['holds', 'register', 'sweeps', 'litigation', 'consents']) {
      await page.goto(`${consoleUrl()}#/${path}`);
      await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
    }
    // Assess: none of their APIs was asked
    expect(asked.filter((p) => /\/v1\/(holds|register|sweep-history|litigation|consents)/.test(p))).toEqual([]);
    await browser.screenshot('manager-hidden-duties');
  });

  it('offers an advisor only what the role may do on an interaction they handled: read, no download, no delete', async () => {
    // Prepare
    const advisor = await localAdminToken({ tenant: tenant.tenantId, role: 'advisor', user: 'agent-4', hours: '1' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, advisor);
    // Act
    await page.goto(`${consoleUrl()}#/interactions/${chat.interactionId}`);
    await page.getByRole('heading', { level: 2, name: 'Chat log' }).waitFor();
    // Assess
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Search',
    ]);
    expect(await page.getByRole('button', { name: 'Show chat log' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download XML' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete chat log' }).count()).toBe(0);
    await browser.screenshot('advisor-interaction');
  });

  it('never broke its Content-Security-Policy on any page', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});
