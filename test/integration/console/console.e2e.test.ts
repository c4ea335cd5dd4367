import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { AUDIT_ACTIONS } from '../../../functions/domain/audit/entry';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, SCREENSHOTS, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, ingestConversation, type Tenant } from './seed';
import { consoleUrl, logIn, runtimeNow } from './session';

/**
 * The "done when" of the admin issue, in a real browser: a new user creates a tenant, ingests a
 * few conversations, opens the console, searches by phone number, plays and deletes a recording,
 * exports xlsx and sees each of those actions in the audit log, while a manager of another group
 * sees none of it. Every page is screenshotted into test-artifacts/console/.
 */

jest.setTimeout(120_000);

const PHONE = '+46 70 123 45 67';
/** The same number as a caller would type it: the search normalises it. */
const PHONE_TYPED = '0046701234567';
const OTHER_PHONE = '+46 73 555 01 02';
const GROUP = 'stockholm';

async function searchByPhone(page: Page, phone: string): Promise<void> {
  await page.goto(`${consoleUrl()}#/search`);
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  // The results, or the API's error: either ends the search, and the test's assertions say which was wanted.
  await page.locator('#results h2, #results [role=alert]').first().waitFor();
}

/** The audit actions the console's audit page lists, newest first. */
async function auditActions(page: Page): Promise<string[]> {
  await page.goto(`${consoleUrl()}#/audit`);
  await page.getByRole('heading', { level: 2, name: /^Entries/ }).waitFor();
  return page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
}

describe('the web console', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let call: { interactionId: string; recordingId?: string };
  let chat: { interactionId: string };
  let other: { interactionId: string };

  beforeAll(async () => {
    // Prepare: a tenant with three conversations, two of them with the same caller.
    tenant = await createTenant('Console E2E');
    const now = await runtimeNow();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    call = await ingestConversation(tenant, {
      channel: 'call',
      startedAt: minutesAgo(50),
      queue: 'billing',
      agent: 'agent-7',
      group: GROUP,
      participant: { phone: PHONE, name: 'Astrid Lind' },
      messages: [
        { from: 'visitor', text: 'Hello, my invoice is wrong.' },
        { from: 'agent', text: 'Let me look at it.' },
      ],
      recordingSeconds: 2,
    });
    chat = await ingestConversation(tenant, {
      channel: 'chat',
      startedAt: minutesAgo(40),
      queue: 'support',
      agent: 'agent-3',
      group: GROUP,
      participant: { phone: PHONE, email: 'astrid.lind@example.se' },
      messages: [{ from: 'visitor', text: 'Is my invoice fixed?' }],
    });
    other = await ingestConversation(tenant, {
      channel: 'chat',
      startedAt: minutesAgo(30),
      queue: 'support',
      agent: 'agent-3',
      group: GROUP,
      participant: { phone: OTHER_PHONE },
      messages: [{ from: 'visitor', text: 'Where is my parcel?' }],
    });
    browser = await launchConsoleBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is served at /console/ with a CSP that forbids inline script, no referrer, nosniff and no framing', async () => {
    // Act
    const res = await fetch(consoleUrl());
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs an admin in with a token kept in sessionStorage, never in the URL', async () => {
    // Prepare
    await page.goto(consoleUrl());
    await page.getByRole('heading', { level: 1, name: 'Log in to the Lethe console' }).waitFor();
    await browser.screenshot('login');
    // Act
    await logIn(page, tenant.adminToken);
    // Assess
    expect(page.url()).not.toContain(tenant.adminToken.slice(0, 20));
    expect(await page.evaluate(() => sessionStorage.getItem('lethe.adminToken'))).toBe(tenant.adminToken);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expect(page.locator('#session-who').textContent()).resolves.toContain(`tenant ${tenant.tenantId}`);
  });

  it("finds the call by the start of the caller's name words, and only that one", async () => {
    // Prepare
    await page.goto(`${consoleUrl()}#/search`);
    await page.getByLabel('Name starts with').fill('ast LIN');
    // Act
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#results h2, #results [role=alert]').first().waitFor();
    // Assess
    const links = await page.locator('tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([`#/interactions/${call.interactionId}`]);
    await browser.screenshot('search-name-prefix');
    // The next search starts from an empty form (the console keeps the last one).
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  it('finds both interactions of a caller by phone number, typed in another format, and only those', async () => {
    // Act
    await searchByPhone(page, PHONE_TYPED);
    // Assess
    const links = await page.locator('tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(
      [`#/interactions/${call.interactionId}`, `#/interactions/${chat.interactionId}`].sort(),
    );
    expect(links).not.toContain(`#/interactions/${other.interactionId}`);
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('search');
  });

  it('opens the call with its general info and plays its recording from a presigned mp3 URL', async () => {
    // Prepare
    await page.locator(`a[href="#/interactions/${call.interactionId}"]`).click();
    await page.getByRole('heading', { level: 1, name: /^Call interaction of/ }).waitFor();
    // Act
    await page.getByRole('button', { name: 'Play' }).click();
    const audio = page.locator('audio');
    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1, null, {
      timeout: 15_000,
    });
    // Assess
    await expect(page.locator('dl.info').textContent()).resolves.toContain('Astrid Lind');
    expect(await audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(1.5);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.error)).toBeNull();
    await page.waitForFunction(() => {
      const a = document.querySelector('audio');
      return a !== null && !a.paused && a.currentTime > 0;
    });
    expect(await audio.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*X-Amz-Signature=/);
    await page.getByRole('button', { name: 'Show chat log' }).click();
    await page.getByRole('list', { name: 'Chat log messages' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('interaction');
  });

  it('downloads the chat log as an XML file', async () => {
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download XML' }).click(),
    ]);
    const file = join(SCREENSHOTS, 'chat-log.xml');
    await download.saveAs(file);
    // Assess
    expect(download.suggestedFilename()).toBe(`chat-log-${call.interactionId}.xml`);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('Let me look at it.');
  });

  it('deletes the recording only after confirmation, and keeps the general info', async () => {
    // Prepare: a first click that is cancelled deletes nothing.
    await page.getByRole('button', { name: 'Delete recording' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: 'Delete recording' }).count()).toBe(1);
    // Act
    await page.getByRole('button', { name: 'Delete recording' }).click();
    await browser.screenshot('interaction-confirm-delete');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete recording' }).click();
    // Assess
    await page.getByText('No recording is stored for this interaction.').waitFor();
    await expect(page.locator('dl.info').textContent()).resolves.toContain('Astrid Lind');
    const content = await callApi<{ recordings: unknown[] }>(`/v1/interactions/${call.interactionId}/content`, {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(content.status).toBe(200);
    expect(content.body.recordings).toEqual([]);
  });

  it('exports the search result as an xlsx file holding the general info of both interactions', async () => {
    // Prepare
    await page.getByRole('link', { name: '← Back to the search' }).click();
    await page.getByRole('heading', { level: 2, name: /^Results/ }).waitFor();
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export xlsx' }).click(),
    ]);
    const file = join(SCREENSHOTS, 'export.xlsx');
    await download.saveAs(file);
    // Assess
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells).toEqual(expect.arrayContaining([call.interactionId, chat.interactionId]));
    expect(cells).not.toContain(other.interactionId);
  });

  it('downloads the chat logs of the selected interactions as one zip', async () => {
    // Prepare
    await page.getByRole('checkbox', { name: 'Select every interaction shown' }).check();
    await page.getByText('2 selected').waitFor();
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download chat logs' }).click(),
    ]);
    const file = join(SCREENSHOTS, 'chat-logs.zip');
    await download.saveAs(file);
    // Assess
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(
      Object.keys(zip.files)
        .filter((f) => f.endsWith('.xml'))
        .sort(),
    ).toEqual([`${call.interactionId}/chat-log.xml`, `${chat.interactionId}/chat-log.xml`].sort());
    await browser.screenshot('search-bulk-download');
  });

  it('deletes the chat logs of the selected interactions only after confirmation', async () => {
    // Act
    await page.getByRole('button', { name: 'Delete chat logs' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete chat logs' }).click();
    // Assess
    await page.getByText('Deleted chat logs: 2 done.').waitFor();
    for (const id of [call.interactionId, chat.interactionId]) {
      const content = await callApi<{ transcript: { messages: number; deletedAt?: string } }>(
        `/v1/interactions/${id}/content`,
        {
          headers: { authorization: `Bearer ${tenant.adminToken}` },
        },
      );
      expect(content.body.transcript).toMatchObject({ messages: 0, deletedAt: expect.any(String) });
    }
  });

  it('shows the play, the downloads, the deletions and the export in the audit log', async () => {
    // Act
    const actions = await auditActions(page);
    // Assess
    expect(actions).toEqual(
      expect.arrayContaining([
        'recording.play',
        'recording.delete',
        'transcript.view',
        'transcript.download',
        'transcript.delete',
      ]),
    );
    expect(actions.some((a) => a === 'interaction.export' || a === 'export')).toBe(true);
    const playRow = page.locator('tbody tr[data-action="recording.play"]');
    await expect(playRow.textContent()).resolves.toContain(call.interactionId);
    // The action filter offers what the API documents, read from its OpenAPI document.
    await page.locator('select[name=action] option[value="litigation.retrieve"]').waitFor({ state: 'attached' });
    expect(await page.locator('select[name=action] option').count()).toBe(AUDIT_ACTIONS.length + 1);
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('audit');
  });

  it('shows a manager of another group none of it: no search hit, no interaction, no audit log', async () => {
    // Prepare
    const manager = await localAdminToken({
      tenant: tenant.tenantId,
      role: 'manager',
      group: 'malmo',
      user: 'manager-malmo',
      hours: '1',
    });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, manager);
    // Act
    await searchByPhone(page, PHONE);
    // Assess
    expect(await page.locator('#results').textContent()).toContain('No interaction matches.');
    await browser.screenshot('manager-search');

    // Act: the interaction's address, typed in directly.
    await page.goto(`${consoleUrl()}#/interactions/${call.interactionId}`);
    // Assess
    const denied = page.getByRole('alert');
    await denied.waitFor();
    expect(await denied.textContent()).toMatch(/HTTP (403|404)/);
    expect(await page.locator('dl.info').count()).toBe(0);

    // Act: the audit log's address, typed in directly.
    const auditReads: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/v1/audit')) auditReads.push(r.url());
    });
    await page.goto(`${consoleUrl()}#/audit`);
    // Assess: the page is not offered (no nav entry) and not rendered; the audit log is never asked for
    await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'needs audit.view' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count()).toBe(
      0,
    );
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(auditReads).toEqual([]);
    await browser.screenshot('manager-audit');
  });

  it('never broke its Content-Security-Policy on any page', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});

describe('the other pages of the console', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let chat: { interactionId: string };

  /** The policy editor's JSON, changed by `edit`, put back into the editor. */
  async function editPolicy(edit: (policy: { classes: Record<string, { retention: string }> }) => void): Promise<void> {
    const editor = page.getByLabel('Tenant policy (JSON)');
    const policy = JSON.parse(await editor.inputValue());
    edit(policy);
    await editor.fill(JSON.stringify(policy, null, 2));
  }

  /** The policy page freshly rendered (via another page: the same hash would not re-route), its Advanced view open once the live policy is in the editor. */
  async function openPolicyEditor(): Promise<void> {
    await page.goto(`${consoleUrl()}#/search`);
    await page.goto(`${consoleUrl()}#/policy`);
    await page.getByText('Advanced: the whole policy as JSON').click();
    await page.locator('textarea[name="policy"]:enabled').waitFor();
  }

  beforeAll(async () => {
    // Prepare: a tenant with one chat, and its admin logged in.
    tenant = await createTenant('Console pages E2E');
    chat = await ingestConversation(tenant, {
      channel: 'chat',
      startedAt: new Date((await runtimeNow()).getTime() - 20 * 60_000),
      queue: 'sales',
      agent: 'agent-1',
      group: GROUP,
      participant: { phone: OTHER_PHONE, email: 'kund@example.se' },
      messages: [{ from: 'visitor', text: 'Do you ship to Gotland?' }],
    });
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the KPIs the ingestion counted, by day and channel', async () => {
    // Act
    await page.goto(`${consoleUrl()}#/kpis`);
    await page.getByRole('button', { name: 'Show KPIs' }).click();
    // Assess
    const table = page.getByRole('region', { name: 'KPI table' });
    await table.waitFor();
    const chatRow = table.locator('tbody tr', { hasText: 'chat' });
    expect(await chatRow.count()).toBe(1);
    const headers = await table.locator('thead th').allTextContents();
    const cells = await chatRow.locator('td').allTextContents();
    expect(cells[headers.indexOf('Interactions')]).toBe('1');
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('kpis');
  });

  it('names every policy field the API refuses, and saves nothing', async () => {
    // Prepare
    await openPolicyEditor();
    await editPolicy((p) => {
      p.classes.recording.retention = 'forever';
      p.classes.transcript.retention = 'soon';
    });
    // Act
    await page.getByRole('button', { name: 'Check changes' }).click();
    // Assess
    const problems = page.getByRole('list', { name: 'Policy fields to fix' });
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('classes.recording.retention');
    expect(text).toContain('classes.transcript.retention');
    expect(await page.getByLabel('Tenant policy (JSON)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
    await browser.screenshot('policy-errors');
  });

  it('shows what a policy change will do before it is saved, then saves exactly that text', async () => {
    // Prepare
    await openPolicyEditor();
    await editPolicy((p) => {
      p.classes.recording.retention = 'P7D';
    });
    // Act
    await page.getByRole('button', { name: 'Check changes' }).click();
    await page.getByRole('heading', { level: 2, name: /^What revision 2 changes/ }).waitFor();
    expect(await page.getByRole('list', { name: 'Effects of the change' }).textContent()).toContain(
      'retention cut from 14 days to 7 days',
    );
    await browser.screenshot('policy-diff');
    await page.getByRole('button', { name: 'Save policy' }).click();
    // Assess
    await page.getByText('Policy saved as revision 2.').waitFor();
    const saved = await callApi<{ revision: number; policy: { classes: { recording: { retention: string } } } }>(
      '/v1/policy',
      {
        headers: { authorization: `Bearer ${tenant.adminToken}` },
      },
    );
    expect(saved.body.revision).toBe(2);
    expect(saved.body.policy.classes.recording.retention).toBe('P7D');
  });

  it('shows the fields of a subject request the API refuses, next to the form', async () => {
    // Prepare
    await page.goto(`${consoleUrl()}#/subject-requests`);
    await page.getByLabel('Export').check();
    // Act: no identifier at all.
    await page.getByRole('button', { name: 'Submit request' }).click();
    // Assess
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/identifiers.*at least one identifier/);
    expect(await alert.textContent()).toContain('HTTP 400');
    const identifiers = page.locator('fieldset[name="identifiers"]');
    expect(await identifiers.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#identifiers-error').textContent()).toContain('at least one identifier');
    await browser.screenshot('subject-request-form');
  });

  it('files a subject request and follows its progress live until its certificate', async () => {
    // Prepare
    await page.goto(`${consoleUrl()}#/subject-requests`);
    await page.getByLabel('Export').check();
    await page.getByLabel('Phone number').fill(OTHER_PHONE);
    // Act
    await page.getByRole('button', { name: 'Submit request' }).click();
    // Assess
    await page.waitForURL(/#\/subject-requests\/[0-9A-Z]{26}$/);
    expect(await page.locator('#request-status').getAttribute('aria-live')).toBe('polite');
    await page.getByRole('heading', { level: 2, name: 'Certificate' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    expect(await page.locator('#request-status').textContent()).toContain('completed');
    await page.getByRole('link', { name: 'Download the export package' }).waitFor();
    await browser.screenshot('subject-request');
  });

  it('lists a request a channel filed on the desk with its due date, shows what to verify the person against, and extends it with a reason', async () => {
    // Prepare: a channel files on behalf of its end user; the request waits for verification
    const filed = await callApi<{ requestId: string }>('/v1/subject-requests', {
      body: { type: 'erase', identifiers: { phone: OTHER_PHONE }, options: {} },
      headers: { 'x-api-key': tenant.apiKey },
    });
    expect(filed.status).toBe(202);
    const { requestId } = filed.body;
    const shown = (iso: string) =>
      page.evaluate((at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), iso);
    const asApi = async () =>
      (
        await callApi<{ dueAt: string; extendedMonths: number; extensions?: Array<{ reason: string }> }>(
          `/v1/subject-requests/${requestId}`,
          { headers: { authorization: `Bearer ${tenant.adminToken}` } },
        )
      ).body;
    const before = await asApi();
    // Act
    await page.goto(`${consoleUrl()}#/requests`);
    await page.getByLabel('Filed by').selectOption('channel');
    await page.getByRole('button', { name: 'Show requests' }).click();
    const row = page.locator(`tr[data-request="${requestId}"]`);
    await row.waitFor();
    // Assess: listed with its due date and days left
    expect(await row.textContent()).toContain(await shown(before.dueAt));
    expect(await row.textContent()).toMatch(/pending-verification/);
    expect(await row.locator('td.num').textContent()).toMatch(/^\d+$/);
    // Act: extend by one month, with the reason
    await row.getByRole('button', { name: 'Extend' }).click();
    await page.getByLabel('Months').selectOption('1');
    await page.getByLabel('Reason told to the person').fill('The archives of three regions must be searched.');
    await page.getByRole('form', { name: 'Extend the deadline' }).getByRole('button', { name: 'Extend' }).click();
    // Assess
    await page.getByText(/^Extended: now due/).waitFor();
    const after = await asApi();
    expect(after.extendedMonths).toBe(1);
    expect(after.extensions?.[0].reason).toBe('The archives of three regions must be searched.');
    await expect(row.textContent()).resolves.toContain('(extended 1 mo.)');
    expect(await page.getByText(/^Extended: now due/).textContent()).toContain(await shown(after.dueAt));
    await browser.screenshot('request-desk');
    // Act: the request's own page says what to verify the person against, masked
    await row.getByRole('link').click();
    await page.getByText('Verify the person against').waitFor();
    // Assess
    const status = (await page.locator('#request-status').textContent()) ?? '';
    expect(status).toContain(`phone: •••${OTHER_PHONE.slice(-2)}`);
    expect(status).not.toContain(OTHER_PHONE.replace(/\D/g, '').slice(2));
    await browser.screenshot('request-verify');
  });

  it('fits a 390 px wide phone screen without sideways scrolling of the page', async () => {
    // Prepare
    await page.setViewportSize({ width: 390, height: 844 });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    // Act
    await searchByPhone(page, OTHER_PHONE);
    // Assess
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await browser.screenshot('search-390');
    // Act
    await page.locator(`a[href="#/interactions/${chat.interactionId}"]`).click();
    await page.getByRole('heading', { level: 2, name: 'Chat log' }).waitFor();
    // Assess
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await browser.screenshot('interaction-390');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('marks an interaction a legal hold keeps, in the search hits and on its page, and says which hold refused deleting its chat log', async () => {
    // Prepare
    const placed = await callApi<{ holdId: string }>('/v1/holds', {
      body: { interactionId: chat.interactionId, reason: 'claim 2026-47' },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(placed.status).toBe(201);
    // Act
    await searchByPhone(page, OTHER_PHONE);
    // Assess
    await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('legal hold');
    // Act
    await page.locator(`a[href="#/interactions/${chat.interactionId}"]`).click();
    await page.getByRole('heading', { level: 2, name: 'Chat log' }).waitFor();
    await page.getByRole('button', { name: 'Delete chat log' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete chat log' }).click();
    // Assess
    await expect(page.locator('dl.info').textContent()).resolves.toContain(`held (${placed.body.holdId})`);
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(placed.body.holdId);
    expect(await refused.textContent()).toContain('HELD · HTTP 409');
    await browser.screenshot('interaction-held');
  });

  it('works from the keyboard: every header control reachable, a skip link first, focus always visible', async () => {
    // Prepare: a fresh load, which focuses the page's heading.
    await page.goto(`${consoleUrl()}#/kpis`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'KPIs' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { tag: el.tagName, text: el.textContent?.trim() ?? '', outline: getComputedStyle(el).outlineStyle };
      });
    expect(await focused()).toMatchObject({ tag: 'H1', text: 'KPIs' });
    // Act: backwards through the header.
    const header: Array<{ text: string; outline: string }> = [];
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Shift+Tab');
      header.push(await focused());
    }
    // Assess
    expect(header.map((f) => f.text)).toEqual([
      'Log out',
      'Chatbot events',
      'Staff',
      'KPIs',
      'Policy',
      'Consents',
      'Litigation',
      'Sweeps',
      'Register',
      'Holds',
      'Subject requests',
      'Requests',
      'Audit log',
      'Search',
      'Lethe',
      'Skip to content',
    ]);
    expect(header.every((f) => f.outline === 'solid')).toBe(true);
    // Act: the skip link, then the first control of the page.
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ tag: 'MAIN' });
    await page.keyboard.press('Tab');
    // Assess
    expect(await focused()).toMatchObject({ tag: 'INPUT', outline: 'solid' });
    expect(page.url()).toMatch(/#\/kpis$/);
    // Act: a navigation link followed with Enter puts focus on the new page's heading.
    await page.getByRole('link', { name: 'Audit log' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    // Assess
    expect(await focused()).toMatchObject({ tag: 'H1', text: 'Audit log' });
  });

  it('never broke its Content-Security-Policy on any page', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});
