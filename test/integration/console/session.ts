import type { Page } from 'playwright-core';
import { callApi } from '../../support/api';
import { env } from '../../support/emulators';

export const consoleUrl = () => `${env('LETHE_API')}/console/`;

/** The local runtime's clock (it may be set apart from this process's). */
export async function runtimeNow(): Promise<Date> {
  const res = await callApi<{ now: string }>('/_local/clock');
  return new Date(res.body.now);
}

/** Logs in through the login page, as a person pasting a token would. */
export async function logIn(page: Page, token: string): Promise<void> {
  await page.goto(consoleUrl());
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Search interactions' }).waitFor();
}
