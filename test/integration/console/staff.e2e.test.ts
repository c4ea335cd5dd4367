import type { Page } from 'playwright-core';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { callApi } from '../../support/api';
import { launchConsoleBrowser, unlabelledControls, type ConsoleBrowser } from './browser';
import { createTenant, type Tenant } from './seed';
import { logIn } from './session';

/**
 * The Staff page in a real browser against the local runtime: an admin invites a manager, moves
 * them to another role, disables and deletes them; the legal role is not offered the page.
 * Screenshots go to test-artifacts/console/.
 */

jest.setTimeout(180_000);

interface Listed {
  items: Array<{ userId: string; email: string; role: string; group?: string; enabled: boolean }>;
}

describe('the Staff page', () => {
  let tenant: Tenant;
  let browser: ConsoleBrowser;
  let page: Page;
  const staff = async () =>
    (await callApi<Listed>('/v1/staff', { headers: { authorization: `Bearer ${tenant.adminToken}` } })).body.items;

  beforeAll(async () => {
    tenant = await createTenant('Console staff E2E', 'iadvize');
    browser = await launchConsoleBrowser();
    page = browser.page;
    await logIn(page, tenant.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('invites a manager with their group, moves them to legal, disables and deletes them', async () => {
    // Prepare
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    const invite = page.getByRole('form', { name: 'Invite a staff user' });
    await invite.getByLabel('E-mail').fill('robin@example.org');
    await invite.getByLabel('Role').selectOption('manager');
    await invite.getByLabel('Agent group').fill('stockholm');
    // Act
    await invite.getByRole('button', { name: 'Invite' }).click();
    // Assess: invited, listed, stored with its role and group
    await page.getByText('robin@example.org invited as manager').waitFor();
    const [robin] = await staff();
    expect(robin).toMatchObject({ email: 'robin@example.org', role: 'manager', group: 'stockholm', enabled: true });
    const row = page.locator(`tr[data-user="${robin.userId}"]`);
    await row.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await browser.screenshot('staff');
    // Act: another role, without a group
    await row.getByLabel('Role', { exact: true }).selectOption('legal');
    await row.getByLabel('Agent group').fill('');
    await row.getByRole('button', { name: 'Save role' }).click();
    await page.getByText('robin@example.org is now legal.').waitFor();
    // Act: disable
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('robin@example.org disabled.').waitFor();
    // Assess
    expect((await staff())[0]).toMatchObject({ role: 'legal', enabled: false });
    expect((await staff())[0].group).toBeUndefined();
    // Act: delete after confirmation
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
    // Assess
    await page.getByText('robin@example.org deleted.').waitFor();
    expect(await staff()).toEqual([]);
  });

  it('offers the legal role no Staff entry, and the address typed in shows nothing of it', async () => {
    // Prepare
    const legal = await localAdminToken({ tenant: tenant.tenantId, role: 'legal', user: 'counsel-1', hours: '1' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, legal);
    // Act
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    await page.goto(page.url().replace(/#.*$/, '#/staff'));
    // Assess
    expect(nav).not.toContain('Staff');
    await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
  });

  it('never broke its Content-Security-Policy', () => {
    // Assess
    expect(browser.cspViolations).toEqual([]);
  });
});
