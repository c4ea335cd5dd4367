import type { Page } from 'playwright-core';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, ingestConversation, type Tenant } from './seed';
import { consoleUrl, logIn, runtimeNow } from './session';

/**
 * The retention matrix and the retention timeline (issue 16), in a real browser against the local
 * runtime: a privacy officer edits retention in the matrix, is told next to the cell what the API
 * refuses, previews what the change does, saves it, and sees the timeline of an interaction; a role
 * that may only read the policy sees it read-only, with the reason. Screenshots go to
 * test-artifacts/console/.
 */

jest.setTimeout(180_000);

const PHONE = '+46 70 555 12 34';

interface PolicyDocument {
  revision: number;
  policy: { revision: number; classes: Record<string, { retention: string; afterExpiry: string }> };
}
interface ClassExpiry {
  dataClass: string;
  records: number;
  retention: string;
  lastExpiresAt?: string;
}

describe('the retention matrix and the retention timeline', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  let chat: { interactionId: string };
  let before: PolicyDocument;

  const asAdmin = () => ({ authorization: `Bearer ${tenant.adminToken}` });
  const livePolicy = async () => (await callApi<PolicyDocument>('/v1/policy', { headers: asAdmin() })).body;
  /** A date-time as the console shows it (the browser runs en-GB, Europe/Stockholm). */
  const formatted = (iso: string) =>
    page.evaluate((at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), iso);
  const cell = (name: string) => page.locator(`[name="${name}"]`);

  /** The policy page freshly rendered (via another page: the same hash would not re-route), once the matrix holds the live policy. */
  async function openMatrix(): Promise<void> {
    await page.goto(`${consoleUrl()}#/search`);
    await page.goto(`${consoleUrl()}#/policy`);
    await page.locator('fieldset:enabled [name="classes.transcript.retention"]').waitFor();
  }

  beforeAll(async () => {
    // Prepare: a Puzzel tenant (chat logs 30 days) with one chat, its privacy officer (the admin role) logged in
    tenant = await createTenant('Console retention E2E');
    chat = await ingestConversation(tenant, {
      channel: 'chat',
      startedAt: new Date((await runtimeNow()).getTime() - 20 * 60_000),
      queue: 'sales',
      agent: 'agent-1',
      group: 'stockholm',
      participant: { phone: PHONE },
      messages: [
        { from: 'visitor', text: 'Can I return the jacket?' },
        { from: 'agent', text: 'Yes, within 30 days.' },
      ],
    });
    before = await livePolicy();
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws one row per data class with the cells of the live policy, every control labelled', async () => {
    // Act
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy', exact: true }).click();
    await page.locator('fieldset:enabled [name="classes.transcript.retention"]').waitFor();
    // Assess
    const matrix = page.getByRole('region', { name: 'Retention per data class' });
    expect(
      await matrix.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class'))),
    ).toEqual(Object.keys(before.policy.classes));
    expect(await page.getByLabel('Retention of transcript').inputValue()).toBe('P30D');
    expect(await page.getByLabel('Action at expiry of recording').inputValue()).toBe(
      before.policy.classes.recording.afterExpiry,
    );
    expect(await page.getByLabel('Tenant policy (JSON)').isVisible()).toBe(false);
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('policy-matrix');
  });

  it('shows each value the API refuses next to its cell, and saves nothing', async () => {
    // Prepare
    await openMatrix();
    await page.getByLabel('Retention of recording').fill('two weeks');
    await page.getByLabel('Action at expiry of aggregate').selectOption('anonymize');
    // Act
    await page.getByRole('button', { name: 'Preview the change' }).click();
    // Assess: the message of each field next to the control the API's field path names
    await page.getByRole('alert').waitFor();
    expect(await cell('classes.recording.retention').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#m-classes-recording-retention-error').textContent()).toContain(
      'must be an ISO-8601 duration',
    );
    expect(await page.locator('#m-classes-aggregate-afterExpiry-error').textContent()).toContain(
      'aggregates hold no personal data',
    );
    expect(await cell('classes.transcript.retention').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').textContent()).toContain('2 fields to fix, marked in the matrix');
    expect(await page.getByRole('button', { name: 'Save the matrix' }).isDisabled()).toBe(true);
    expect((await livePolicy()).revision).toBe(before.revision);
    await browser.screenshot('policy-matrix-errors');
  });

  it('previews what shortening the chat logs does, then saves exactly the previewed matrix', async () => {
    // Prepare
    await openMatrix();
    await page.getByLabel('Retention of transcript').fill('P7D');
    // Act
    await page.getByRole('button', { name: 'Preview the change' }).click();
    // Assess: the API's preview, and Save offered only for what was previewed
    await page.getByRole('heading', { level: 2, name: /^What revision 2 changes/ }).waitFor();
    expect(await page.getByRole('list', { name: 'Effects of the change' }).textContent()).toContain(
      'retention cut from 30 days to 7 days',
    );
    expect((await livePolicy()).revision).toBe(before.revision);
    await browser.screenshot('policy-matrix-preview');
    await page.getByLabel('Retention of transcript').fill('P8D');
    expect(await page.getByRole('button', { name: 'Save the matrix' }).isDisabled()).toBe(true);
    await page.getByLabel('Retention of transcript').fill('P7D');
    // Act
    await page.getByRole('button', { name: 'Save the matrix' }).click();
    // Assess: revision 2 is the policy it read with only that cell changed
    await page.getByText('Policy saved as revision 2.').waitFor();
    const saved = await livePolicy();
    expect(saved.revision).toBe(2);
    const { revision: _was, ...unchangedBefore } = before.policy;
    const { revision: _is, ...unchangedAfter } = saved.policy;
    expect(unchangedAfter).toEqual({
      ...unchangedBefore,
      classes: { ...before.policy.classes, transcript: { ...before.policy.classes.transcript, retention: 'P7D' } },
    });
    expect(await page.getByLabel('Retention of transcript').inputValue()).toBe('P7D');
  });

  it('shows on the interaction when each of its classes expires and what the policy does then', async () => {
    // Act
    await page.goto(`${consoleUrl()}#/interactions/${chat.interactionId}`);
    const timeline = page.getByRole('region', { name: 'Expiry per class' });
    await timeline.waitFor();
    // Assess: a row per class, as the API answers it, with the retention now in force
    const detail = await callApi<{ retention: ClassExpiry[] }>(`/v1/interactions/${chat.interactionId}`, {
      headers: asAdmin(),
    });
    const rows = timeline.locator('tbody tr');
    expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-class')))).toEqual([
      'interaction',
      'transcript',
      'recording',
      'survey',
    ]);
    const headers = await timeline.locator('thead th').allTextContents();
    const transcript = await timeline.locator('tr[data-class="transcript"] > *').allTextContents();
    const expected = detail.body.retention.find((c) => c.dataClass === 'transcript');
    expect(transcript[headers.indexOf('Records')]).toBe(String(expected?.records));
    expect(expected?.records).toBe(2);
    expect(transcript[headers.indexOf('Retention now')]).toBe('P7D');
    expect(transcript[headers.indexOf('Then')]).toBe('deleted');
    // The lines carry the expiry they were written with (30 days) until the next sweep re-dates them to the 7 days now in force
    const last = await formatted(String(expected?.lastExpiresAt));
    expect(transcript[headers.indexOf('Expires')]).toBe(`${last} (in 30 days)`);
    expect(await timeline.locator('tr[data-class="recording"]').textContent()).toContain('nothing stored');
    await browser.screenshot('interaction-retention-timeline');
  });

  it('shows in the search hit each class the interaction still holds, with its expiry', async () => {
    // Prepare
    await page.goto(`${consoleUrl()}#/search`);
    await page.getByLabel('Phone number').fill(PHONE);
    // Act
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // Assess: general info and chat log (no recording or survey stored), as the search API answers them
    const hit = page.locator('tbody tr', { has: page.locator(`a[href="#/interactions/${chat.interactionId}"]`) });
    await hit.waitFor();
    const expiries = hit.locator('ul.class-expiries li');
    expect(await expiries.evaluateAll((li) => li.map((l) => l.getAttribute('data-class')))).toEqual([
      'interaction',
      'transcript',
    ]);
    const search = await callApi<{ items: Array<{ interactionId: string; retention: ClassExpiry[] }> }>(
      `/v1/interactions?phone=${encodeURIComponent(PHONE)}`,
      { headers: asAdmin() },
    );
    const transcript = search.body.items[0].retention.find((c) => c.dataClass === 'transcript');
    const text = await expiries.nth(1).textContent();
    expect(text).toMatch(/^Chat log: .* \(in 30 days\)$/);
    expect(text).toContain(await formatted(String(transcript?.lastExpiresAt)));
    await browser.screenshot('search-class-expiries');
  });

  it('shows the legal role the matrix read-only, with the reason, and offers no preview or save', async () => {
    // Prepare
    const legal = await localAdminToken({ tenant: tenant.tenantId, role: 'legal', user: 'counsel-2', hours: '1' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, legal);
    // Act
    await page.goto(`${consoleUrl()}#/policy`);
    await page.locator('[name="classes.transcript.retention"]').waitFor();
    await page.getByText('Revision 2,').waitFor();
    // Assess
    expect(await page.locator('#policy-read-only').textContent()).toContain(
      'the legal role may read the policy but not change it',
    );
    expect(await page.getByLabel('Retention of transcript').inputValue()).toBe('P7D');
    expect(await page.getByLabel('Retention of transcript').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Preview the change' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the matrix' }).count()).toBe(0);
    await browser.screenshot('policy-matrix-read-only');
  });

  it('never broke its Content-Security-Policy on any page', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});
