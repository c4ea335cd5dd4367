import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { consoleFile, handler, securityHeaders, signInConfig } from '../../../functions/handlers/console-assets';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';

// The function's environment as the CDK sets it; runtime-config parses it on the first request.
Object.assign(process.env, {
  LETHE_ACCOUNT: '111122223333',
  LETHE_HOME_REGION: 'eu-central-1',
  LETHE_REGIONS: 'eu-central-1',
});

const CONSOLE_DIR = resolve(__dirname, '../../../console');

/** The event API Gateway gives the handler for GET `path` (the `{proxy+}` part already URL-decoded). */
function get(path: string): APIGatewayProxyEvent {
  const proxy = path.replace(/^\/console\/?/, '');
  return {
    httpMethod: 'GET',
    path,
    resource: proxy ? '/console/{proxy+}' : '/console',
    pathParameters: proxy ? { proxy } : null,
    headers: {},
  } as unknown as APIGatewayProxyEvent;
}

describe('console-assets', () => {
  it('serves the console page at /console/ as HTML with the security headers', async () => {
    // Act
    const res = await handler(get('/console/'));
    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    expect(res.body).toBe(readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8'));
  });

  it('allows scripts and styles from the console itself only, never inline, and is never framed', async () => {
    // Act
    const csp = String((await handler(get('/console/'))).headers?.['content-security-policy']);
    // Assess
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('plays recordings from S3 presigned URLs, and from the local S3 emulator when there is one', () => {
    // Act
    const inAws = securityHeaders(undefined)['content-security-policy'];
    const local = securityHeaders('http://127.0.0.1:4569')['content-security-policy'];
    // Assess
    expect(inAws).toContain("media-src 'self' https://*.amazonaws.com;");
    expect(local).toContain("media-src 'self' https://*.amazonaws.com http://127.0.0.1:4569;");
  });

  it('moves /console to /console/ with a relative location, so any stage prefix is kept', async () => {
    // Act
    const res = await handler(get('/console'));
    // Assess
    expect(res.statusCode).toBe(301);
    expect(res.headers?.location).toBe('console/');
  });

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['lib/api.js', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (file, type) => {
    // Act
    const res = await handler(get(`/console/${file}`));
    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe(type);
    expect(res.body).toBe(readFileSync(join(CONSOLE_DIR, file), 'utf8'));
  });

  it.each([
    '../package.json',
    'lib/../../package.json',
    '..',
    '/etc/passwd',
    '.git/config',
    'lib\\..\\..\\package.json',
    'app.js\0.css',
    'missing.js',
    'README',
  ])('answers 404 for %j: nothing outside the console folder, hidden or of an unknown type', async (proxy) => {
    // Act
    const res = await handler({ ...get('/console/x'), pathParameters: { proxy } });
    // Assess
    expect(res.statusCode).toBe(404);
    expect(res.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(res.body).error.code).toBe('NOT_FOUND');
    expect(res.headers?.['content-security-policy']).toContain("default-src 'none'");
  });

  it('does not follow a symbolic link out of the console folder', () => {
    // Prepare
    const outside = mkdtempSync(join(tmpdir(), 'lethe-outside-'));
    writeFileSync(join(outside, 'secret.js'), 'secret');
    const root = mkdtempSync(join(tmpdir(), 'lethe-console-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    symlinkSync(join(outside, 'secret.js'), join(root, 'linked.js'));
    // Act / Assess
    expect(consoleFile('index.html', root)).toEqual({
      path: expect.stringContaining('index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(consoleFile('linked.js', root)).toBeUndefined();
  });

  it('serves nothing but GET', async () => {
    // Act
    const res = await handler({ ...get('/console/'), httpMethod: 'POST' });
    // Assess
    expect(res.statusCode).toBe(404);
  });

  describe('config.json, how the console signs in', () => {
    const AWS_ENV = {
      LETHE_ACCOUNT: '111122223333',
      LETHE_HOME_REGION: 'eu-central-1',
      LETHE_REGIONS: 'eu-central-1',
      LETHE_USER_POOL_ID: 'eu-central-1_abc',
      LETHE_USER_POOL_CLIENT_ID: 'client123',
      LETHE_SIGN_IN_DOMAIN: 'https://acme-111122223333.auth.eu-central-1.amazoncognito.com/',
      LETHE_CONSOLE_URL: 'https://api.example/prod/console/',
    };

    it('says "paste a token" where the stack sets no sign-in domain (the local stack)', async () => {
      // Act
      const res = await handler(get('/console/config.json'));
      // Assess
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toBe('application/json');
      expect(JSON.parse(res.body)).toEqual({ signIn: 'token' });
    });

    it('names the Cognito domain, the app client and the console URL to return to where the stack sets them', () => {
      // Act
      const config = signInConfig(parseRuntimeConfig(AWS_ENV));
      // Assess
      expect(config).toEqual({
        signIn: 'cognito',
        domain: 'https://acme-111122223333.auth.eu-central-1.amazoncognito.com',
        clientId: 'client123',
        redirectUri: 'https://api.example/prod/console/',
      });
    });

    it('lets the console call the sign-in domain, and no other origin but its own', () => {
      // Act
      const csp = securityHeaders(undefined, AWS_ENV.LETHE_SIGN_IN_DOMAIN)['content-security-policy'];
      // Assess
      expect(csp).toContain("connect-src 'self' https://acme-111122223333.auth.eu-central-1.amazoncognito.com;");
    });
  });
});
