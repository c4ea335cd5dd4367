import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, SCREENSHOTS, unlabelledControls, type ConsoleBrowser } from './browser';
import type { Tenant } from './seed';
import { logIn, runtimeNow } from './session';

/**
 * The raw chatbot events page (issue 16), in a real browser against the local runtime: an admin
 * finds a bot session's events, opens one with its payload, and after the sweep has archived them
 * lists the archive and downloads a month as CSV. Screenshots go to test-artifacts/console/.
 */

jest.setTimeout(180_000);

const SESSION = 'bot-session-e2e-7';
/** Inbenta archives raw events 100 days after they happen. */
const ARCHIVED_AFTER_DAYS = 101;

async function sweepAt(tenantId: string, now: string): Promise<void> {
  let after: string | undefined;
  do {
    const res = await callApi<{ nextUnit?: string }>('/v1/sweeps', { operator: true, body: { tenantId, now, after } });
    if (res.status !== 200) throw new Error(`POST /v1/sweeps answered ${res.status}: ${JSON.stringify(res.body)}`);
    after = res.body.nextUnit;
  } while (after);
}

describe('the chatbot events page', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let now: Date;

  beforeAll(async () => {
    // Prepare: an Inbenta tenant whose bot sent a question and a rating in one session, a click in another
    const created = await callApi<Tenant>('/v1/tenants', {
      operator: true,
      body: { name: 'Console chatbot events E2E', preset: 'inbenta' },
    });
    expect(created.status).toBe(201);
    tenant = created.body;
    now = await runtimeNow();
    const at = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
    const sent = await callApi('/v1/events', {
      body: {
        events: [
          { id: 'ev-e2e-q', type: 'question', sessionId: SESSION, at: at(9), payload: { text: 'Opening hours?' } },
          { id: 'ev-e2e-r', type: 'rating', sessionId: SESSION, at: at(4), payload: { value: 5 } },
          { id: 'ev-e2e-c', type: 'click', sessionId: 'bot-session-e2e-8', at: at(6), payload: { item: 'faq-3' } },
        ],
      },
      headers: { 'x-api-key': tenant.apiKey },
    });
    expect(sent.status).toBe(200);
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds a session's events by its session id and opens one with its payload", async () => {
    // Act
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chatbot events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chatbot events' }).waitFor();
    await page.getByLabel('Session id').fill(SESSION);
    await page.getByRole('button', { name: 'Find events' }).click();
    // Assess: the session's two events, newest first, the other session's click not among them
    const table = page.getByRole('region', { name: 'Chatbot events' });
    await table.waitFor();
    expect(
      await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event'))),
    ).toEqual(['ev-e2e-r', 'ev-e2e-q']);
    // Act
    await page.getByRole('button', { name: 'Open event ev-e2e-q' }).click();
    // Assess
    const payload = page.getByLabel('Event payload');
    await payload.waitFor();
    expect(JSON.parse((await payload.textContent()) ?? '')).toEqual({ text: 'Opening hours?' });
    expect(await page.locator('#event-detail').textContent()).toContain(SESSION);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    await browser.screenshot('chatbot-events');
  });

  it('lists the month the sweep archived the events in and downloads it as CSV', async () => {
    // Prepare: the night 101 days on archives all three events
    const swept = new Date(now.getTime() + ARCHIVED_AFTER_DAYS * 86_400_000);
    await sweepAt(tenant.tenantId, swept.toISOString());
    const month = swept.toISOString().slice(0, 7);
    // Act
    await page.getByLabel('To (month)').fill(month);
    await page.getByRole('button', { name: 'List the archive' }).click();
    const row = page.locator(`tr[data-month="${month}"]`);
    await row.waitFor();
    // Assess
    expect(await row.locator('td.num').textContent()).toBe('3');
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: `Download the archive of ${month} as CSV` }).click(),
    ]);
    const file = join(SCREENSHOTS, 'chatbot-events-archive.csv');
    await download.saveAs(file);
    // Assess
    expect(download.suggestedFilename()).toBe('lethe-archive-event.csv');
    const csv = readFileSync(file, 'utf8');
    for (const id of ['ev-e2e-q', 'ev-e2e-r', 'ev-e2e-c']) expect(csv).toContain(id);
    expect(browser.cspViolations).toEqual([]);
    await browser.screenshot('chatbot-events-archive');
  });
});
