import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { notFound } from '../domain/errors';
import { runtimeConfig, type RuntimeConfig } from '../shared/runtime-config';

/**
 * The web console's static files: `GET /console` and `GET /console/{proxy+}`, no authorisation
 * and no data (the console calls the API with the token the user pastes or signs in for). Only files of the
 * console folder with a known type are served, plus `config.json`, how to sign in; every answer
 * carries the security headers.
 */

/** Where the console reads how to sign in: not a file, so no file of the folder can stand in for it. */
export const SIGN_IN_CONFIG_PATH = 'config.json';

/**
 * How the console signs in: on the Cognito domain (authorization code with PKCE, AWS) or with a
 * pasted token (local). Public values only: the client has no secret.
 */
export type SignInConfig =
  | { signIn: 'token' }
  | { signIn: 'cognito'; domain: string; clientId: string; redirectUri: string };

export function signInConfig(config: RuntimeConfig = runtimeConfig()): SignInConfig {
  const cognito = config.consoleSignIn;
  return cognito ? { signIn: 'cognito', ...cognito } : { signIn: 'token' };
}

/** Text types only: the API's binary media types do not need to know about the console. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** A relative path of plain names: no `..`, no hidden files, no backslashes or encoded tricks. */
const SAFE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/**
 * Where the console folder is: next to the bundle in Lambda (copied there at bundling, see
 * infra/constructs/lethe-function.ts `bundleFolders`), the repository's `console/` when the local
 * runtime runs this file from its source.
 */
const CONSOLE_DIR = [join(__dirname, 'console'), resolve(__dirname, '../../console')].find((dir) =>
  existsSync(join(dir, 'index.html')),
);

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (event.httpMethod !== 'GET') return notFoundReply(`${event.httpMethod} ${event.resource}`);
  const proxy = event.pathParameters?.proxy ?? '';
  // `/console` itself moves to `/console/`, so the pages' relative URLs resolve inside the folder
  // under any stage prefix; API Gateway routes `/console/` to the `/console` resource too.
  if (proxy === '' && !event.path.endsWith('/'))
    return { statusCode: 301, headers: { ...headers(), location: 'console/' }, body: '' };
  if (proxy === SIGN_IN_CONFIG_PATH)
    return {
      statusCode: 200,
      headers: { ...headers(), 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify(signInConfig()),
    };
  const file = consoleFile(proxy === '' ? 'index.html' : proxy);
  if (!file) return notFoundReply(`/console/${proxy}`);
  return {
    statusCode: 200,
    headers: { ...headers(), 'content-type': file.contentType, 'cache-control': 'no-cache' },
    body: readFileSync(file.path, 'utf8'),
  };
}

/** The file a request names, or undefined for anything outside the console folder or of an unknown type. */
export function consoleFile(relative: string, root = CONSOLE_DIR): { path: string; contentType: string } | undefined {
  if (!root || !SAFE_PATH.test(relative)) return undefined;
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!contentType) return undefined;
  const base = realpathSync(root);
  const candidate = resolve(base, relative);
  if (!existsSync(candidate)) return undefined;
  // realpath too: a symbolic link must not lead out of the folder either.
  const real = realpathSync(candidate);
  if (!real.startsWith(base + sep) || !statSync(real).isFile()) return undefined;
  return { path: real, contentType };
}

/**
 * No inline script or style, API calls to this origin only (and the token endpoint of the sign-in
 * domain, if any), audio from S3 presigned URLs (the regional buckets, or the local S3 emulator),
 * never framed, never a referrer (presigned URLs must not travel on).
 */
export function securityHeaders(s3Endpoint: string | undefined, signInDomain?: string): Record<string, string> {
  const media = ["'self'", 'https://*.amazonaws.com', ...(s3Endpoint ? [new URL(s3Endpoint).origin] : [])].join(' ');
  const connect = ["'self'", ...(signInDomain ? [new URL(signInDomain).origin] : [])].join(' ');
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${connect}`,
    `media-src ${media}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/** The security headers of this deployment (locally, with the S3 emulator as a media source). */
const headers = () => securityHeaders(runtimeConfig().endpoints.s3, runtimeConfig().consoleSignIn?.domain);

function notFoundReply(what: string): APIGatewayProxyResult {
  return {
    statusCode: 404,
    headers: { ...headers(), 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(notFound(what).toBody()),
  };
}
