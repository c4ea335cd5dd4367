import type { Page } from 'playwright-core';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, ingestConversation, type Tenant } from './seed';
import { consoleUrl, logIn, runtimeNow } from './session';

/**
 * The KPI page's charts (issue 16), in a real browser against the local runtime: the activity a
 * channel sent (interactions by channel and day, wait and talk, survey scores) and the privacy
 * office's figures (a request filed and completed, a hold in force, what a night's sweep removed).
 * Screenshots go to test-artifacts/console/.
 */

jest.setTimeout(180_000);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const stockholmDay = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
/** Puzzel keeps chat logs 30 days: a sweep 31 days on deletes the chat's. */
const SWEEP_AFTER_DAYS = 31;

/** The operator's sweep of one tenant as of `now`, called again until every unit is reached. */
async function sweepAt(tenantId: string, now: string): Promise<void> {
  let after: string | undefined;
  do {
    const res = await callApi<{ nextUnit?: string }>('/v1/sweeps', { operator: true, body: { tenantId, now, after } });
    if (res.status !== 200) throw new Error(`POST /v1/sweeps answered ${res.status}: ${JSON.stringify(res.body)}`);
    after = res.body.nextUnit;
  } while (after);
}

/** A subject request's status, asked until it is no longer queued or running. */
async function settled(tenant: Tenant, requestId: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await callApi<{ status: string }>(`/v1/subject-requests/${requestId}`, {
      headers: bearer(tenant.adminToken),
    });
    if (!['queued', 'running'].includes(res.body.status)) return res.body.status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`subject request ${requestId} did not finish`);
}

/** The numbers table of the chart titled `title` (opened first), as rows of cell texts. */
async function chartNumbers(page: Page, title: string | RegExp): Promise<string[][]> {
  const figure = page.locator('figure.chart-figure', { has: page.locator('figcaption', { hasText: title }) });
  await figure.locator('summary').click();
  const rows = figure.locator('tbody tr');
  return Promise.all((await rows.all()).map((r) => r.locator('th, td').allTextContents()));
}

describe('the KPI page charts', () => {
  let tenant: Tenant;
  let chatId: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let today: string;
  let sweptNight: string;

  beforeAll(async () => {
    // Prepare: a chat and a call ended today, two surveys, an erasure filed and completed, a hold, a sweep a month on
    tenant = await createTenant('Console KPI charts E2E');
    const now = await runtimeNow();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const conversation = { queue: 'support', agent: 'agent-1', group: 'desk' };
    const chat = await ingestConversation(tenant, {
      ...conversation,
      channel: 'chat',
      startedAt: minutesAgo(30),
      participant: { email: 'kpi.chat@example.se' },
      messages: [{ from: 'visitor', text: 'Where is my parcel?' }],
    });
    chatId = chat.interactionId;
    const call = await ingestConversation(tenant, {
      ...conversation,
      channel: 'call',
      startedAt: minutesAgo(20),
      participant: { phone: '+46 70 111 00 01' },
      messages: [{ from: 'visitor', text: 'Hello?' }],
    });
    for (const [interactionId, score, comment] of [
      [chat.interactionId, 9, 'Found it, thanks'],
      [call.interactionId, 3, undefined],
    ] as const) {
      const survey = await callApi('/v1/surveys', {
        body: { interactionId, score, comment },
        headers: { 'x-api-key': tenant.apiKey },
      });
      expect(survey.status).toBeLessThan(300);
    }
    const filed = await callApi<{ requestId: string }>('/v1/subject-requests', {
      body: { type: 'erase', identifiers: { email: 'someone.else@example.se' }, options: {} },
      headers: bearer(tenant.adminToken),
    });
    expect(filed.status).toBe(202);
    expect(await settled(tenant, filed.body.requestId)).toBe('completed');
    const hold = await callApi('/v1/holds', {
      body: { identifiers: { phone: '+46 70 111 00 01' }, reason: 'Claim 2026-90' },
      headers: bearer(tenant.adminToken),
    });
    expect(hold.status).toBe(201);
    const later = new Date(now.getTime() + SWEEP_AFTER_DAYS * 86_400_000);
    await sweepAt(tenant.tenantId, later.toISOString());
    today = stockholmDay(now);
    sweptNight = stockholmDay(later);
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('charts interactions by channel and day, wait and talk, and survey scores, each with its numbers', async () => {
    // Act
    await page.goto(`${consoleUrl()}#/kpis`);
    await page.getByLabel('To (day)').fill(sweptNight);
    await page.getByRole('button', { name: 'Show KPIs' }).click();
    await page.getByRole('heading', { level: 2, name: 'Activity' }).waitFor();
    await page.locator('dl[aria-label="Privacy figures"]').waitFor();
    await browser.screenshot('kpi-charts');
    // Assess: a chat and a call today, a bar each, stacked
    const byChannel = await chartNumbers(page, 'Interactions by channel and day');
    expect(byChannel.find(([day]) => day === today)).toEqual([today, '1', '1']);
    const bars = page.locator('figure[data-chart="Interactions by channel and day"] svg rect');
    expect(await bars.count()).toBe(2);
    // Assess: both ended with 15 s of wait and 100 s of talk (the seed's)
    const durations = await chartNumbers(page, /^Average wait and talk/);
    expect(durations.find(([day]) => day === today)).toEqual([today, '15', '100']);
    // Assess: a 9 and a 3, mean 6
    await page.getByRole('figure', { name: 'Survey scores (2 surveys, mean 6)' }).waitFor();
    const scores = await chartNumbers(page, /^Survey scores/);
    expect(scores.filter(([, n]) => n !== '0')).toEqual([
      ['3', '1'],
      ['9', '1'],
    ]);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });

  it('shows the privacy figures: the request filed and completed, the hold in force, what the night swept removed', async () => {
    // Act: the page as the previous test left it
    const figures = page.locator('dl[aria-label="Privacy figures"]');
    await figures.waitFor();
    const figure = async (label: string) => (await figures.locator(`[data-figure="${label}"] dd`).textContent()) ?? '';
    // Assess
    expect(await figure('Requests filed')).toBe('1');
    expect(await figure('Requests completed')).toBe('1');
    expect(await figure('Overdue now')).toBe('0');
    expect(await figure('Median time to complete')).toMatch(/^\d+(\.\d)? h$/);
    expect(await figure('Holds in force')).toBe('1');
    const filed = await chartNumbers(page, 'Subject requests filed and completed per day');
    expect(filed.find(([day]) => day === today)).toEqual([today, '1', '1']);
    const removed = await chartNumbers(page, 'Records removed per night');
    const night = removed.find(([day]) => day === sweptNight);
    // The chat's log is past its 30 days: the night's sweep deleted it (the call's participant is held).
    expect(Number(night?.[1])).toBeGreaterThan(0);
    expect(await figure('Records removed')).toBe(String(Number(night?.[1]) + Number(night?.[2])));
    expect(browser.cspViolations).toEqual([]);
  });

  it('shows the survey answered about an interaction on its page: score and comment', async () => {
    // Act
    await page.goto(`${consoleUrl()}#/interactions/${chatId}`);
    const surveys = page.getByRole('region', { name: 'Survey answers' });
    await surveys.waitFor();
    // Assess
    const cells = await surveys.locator('tbody tr td').allTextContents();
    expect(cells.slice(1)).toEqual(['9', 'Found it, thanks']);
    expect(browser.cspViolations).toEqual([]);
    await browser.screenshot('interaction-surveys');
  });

  it('shows the legal role the privacy figures the API allows it, without the activity counters it may not see', async () => {
    // Prepare
    const legal = await localAdminToken({ tenant: tenant.tenantId, role: 'legal', user: 'counsel-1', hours: '1' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, legal);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    // Act
    await page.getByRole('link', { name: 'KPIs' }).click();
    await page.getByLabel('To (day)').fill(sweptNight);
    await page.getByRole('button', { name: 'Show KPIs' }).click();
    const figures = page.locator('dl[aria-label="Privacy figures"]');
    await figures.waitFor();
    await browser.screenshot('kpi-charts-legal');
    // Assess: the privacy figures, as the admin saw them
    expect(nav).toContain('KPIs');
    const figure = async (label: string) => (await figures.locator(`[data-figure="${label}"] dd`).textContent()) ?? '';
    expect(await figure('Requests filed')).toBe('1');
    expect(await figure('Holds in force')).toBe('1');
    await page.getByRole('figure', { name: 'Records removed per night' }).waitFor();
    // Assess: no activity part, no grouping offered, the activity counters never asked for
    expect(await page.getByRole('heading', { name: 'Activity' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Group by' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'KPI table' }).count()).toBe(0);
    expect(asked.filter((p) => /\/v1\/(privacy-)?kpis$/.test(p)).map((p) => p.replace(/^.*\/v1/, ''))).toEqual([
      '/privacy-kpis',
    ]);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
