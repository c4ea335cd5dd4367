import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler } from '../../../functions/handlers/console-assets';
import { launchConsoleBrowser, type ConsoleBrowser } from './browser';
import { idToken, startFakeCognito } from './fake-cognito';

/**
 * The console's hosted sign-in in a real browser, against a fake Cognito domain on the loopback
 * interface: the console, served by its own handler with the sign-in settings the stack gives it,
 * sends the browser to /oauth2/authorize with a PKCE challenge, trades the code for tokens, shows
 * who signed in, renews the ID token before it expires, and signs out through /oauth2/revoke and
 * /logout.
 */

jest.setTimeout(120_000);

const CLAIMS = { sub: 'user-1', 'custom:tenant': 'tenant-e2e', 'cognito:groups': ['admin'] };
/** The first ID token expires just past the console's renewal margin (5 min), so the renewal comes within seconds. */
const FIRST_LIFETIME_S = 5 * 60 + 3;

/** Serves /console/* through the console-assets handler, as API Gateway would. */
async function serveConsole(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const proxy = url.pathname.replace(/^\/console\/?/, '');
    const event = {
      httpMethod: req.method,
      path: url.pathname,
      resource: proxy ? '/console/{proxy+}' : '/console',
      pathParameters: proxy ? { proxy } : null,
      headers: {},
    };
    const reply = url.pathname.startsWith('/console')
      ? await handler(event as unknown as APIGatewayProxyEvent)
      : { statusCode: 404, headers: {}, body: '' };
    res.writeHead(reply.statusCode, reply.headers as Record<string, string>).end(reply.body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/console/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

describe('the console signed in on a Cognito domain', () => {
  let issued = 0;
  const cognitoPromise = startFakeCognito({
    issue: (grant) => {
      issued += 1;
      const lifetime = grant === 'authorization_code' ? FIRST_LIFETIME_S : 3600;
      const token = idToken({ ...CLAIMS, exp: Math.floor(Date.now() / 1000) + lifetime, n: issued });
      // As Cognito: a refresh answers without a new refresh token.
      return {
        id_token: token,
        access_token: 'access',
        token_type: 'Bearer',
        expires_in: lifetime,
        ...(grant === 'authorization_code' ? { refresh_token: 'refresh-1' } : {}),
      };
    },
  });
  let cognito: Awaited<typeof cognitoPromise>;
  let site: Awaited<ReturnType<typeof serveConsole>>;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    // Prepare: the stack's settings for the console's function, pointing at the fake domain.
    cognito = await cognitoPromise;
    site = await serveConsole();
    cognito.setAllowedOrigin(new URL(site.url).origin);
    Object.assign(process.env, {
      LETHE_ACCOUNT: '111122223333',
      LETHE_HOME_REGION: 'eu-central-1',
      LETHE_REGIONS: 'eu-central-1',
      LETHE_USER_POOL_ID: 'eu-central-1_fake',
      LETHE_USER_POOL_CLIENT_ID: 'client-e2e',
      LETHE_SIGN_IN_DOMAIN: cognito.origin,
      LETHE_CONSOLE_URL: site.url,
    });
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await cognito?.close();
  });

  it('signs in with the authorization code and PKCE, renews the ID token before expiry, and signs out on the domain', async () => {
    const { page } = browser;
    // Act: sign in.
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#session-who').filter({ hasText: 'tenant tenant-e2e' }).waitFor();
    // Assess: the code came back to the console, went to the token endpoint with the verifier, and left the address bar.
    const authorize = cognito.calls.find((c) => c.path === '/oauth2/authorize');
    expect(authorize?.query).toMatchObject({
      response_type: 'code',
      client_id: 'client-e2e',
      redirect_uri: site.url,
      code_challenge_method: 'S256',
    });
    const exchange = cognito.calls.find(
      (c) => c.path === '/oauth2/token' && c.form.grant_type === 'authorization_code',
    );
    expect(exchange?.form).toMatchObject({
      client_id: 'client-e2e',
      redirect_uri: site.url,
      code: expect.stringMatching(/^code-/),
      code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(page.url()).not.toContain('code=');
    expect(await page.evaluate(() => sessionStorage.getItem('lethe.refreshToken'))).toBe('refresh-1');

    // Act: wait for the renewal the first token's expiry calls for.
    await page.waitForFunction(
      () => JSON.parse(atob(String(sessionStorage.getItem('lethe.adminToken')).split('.')[1])).n === 2,
      undefined,
      { timeout: 20_000 },
    );
    // Assess
    expect(cognito.calls.find((c) => c.form.grant_type === 'refresh_token')?.form).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-e2e',
      refresh_token: 'refresh-1',
    });

    // Act: the tab comes back after its ID token expired.
    const expired = idToken({ ...CLAIMS, exp: Math.floor(Date.now() / 1000) - 60, n: 0 });
    await page.evaluate((token) => sessionStorage.setItem('lethe.adminToken', token), expired);
    await page.reload();
    await page.locator('#session-who').filter({ hasText: 'tenant tenant-e2e' }).waitFor();
    // Assess: it renewed before opening the page, signed in.
    expect(cognito.calls.filter((c) => c.form.grant_type === 'refresh_token')).toHaveLength(2);
    expect(
      await page.evaluate(() => JSON.parse(atob(String(sessionStorage.getItem('lethe.adminToken')).split('.')[1])).n),
    ).toBe(3);

    // Act: sign out.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Assess: the refresh token was revoked, the domain's session ended, the tab holds no token.
    expect(cognito.calls.find((c) => c.path === '/oauth2/revoke')?.form).toEqual({
      token: 'refresh-1',
      client_id: 'client-e2e',
    });
    expect(cognito.calls.find((c) => c.path === '/logout')?.query).toEqual({
      client_id: 'client-e2e',
      logout_uri: site.url,
    });
    expect(
      await page.evaluate(() => [
        sessionStorage.getItem('lethe.adminToken'),
        sessionStorage.getItem('lethe.refreshToken'),
      ]),
    ).toEqual([null, null]);
    expect(browser.cspViolations).toEqual([]);
  });
});
