import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake domain was asked, in order. */
export interface FakeCognitoCall {
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}

/** An ID token as the console reads it (claims only: the console does not verify signatures, the API does). */
export function idToken(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

/**
 * A stand-in for a Cognito domain on the loopback interface: /oauth2/authorize returns to the
 * redirect URI with a code at once (as after a password and MFA), /oauth2/token checks the PKCE
 * verifier against the challenge it was given and answers the tokens `issue` makes, /oauth2/revoke
 * and /logout do what Cognito does. Cross-origin calls are allowed from `allowedOrigin` only.
 */
export async function startFakeCognito(options: { issue: (grant: string) => Record<string, unknown> }): Promise<{
  origin: string;
  calls: FakeCognitoCall[];
  setAllowedOrigin(origin: string): void;
  close(): Promise<void>;
}> {
  const calls: FakeCognitoCall[] = [];
  const challenges = new Map<string, string>();
  let allowedOrigin = '';
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await new Promise<string>((done) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => done(text));
    });
    const call = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: Object.fromEntries(new URLSearchParams(body)),
    };
    calls.push(call);
    const cors = { 'access-control-allow-origin': allowedOrigin };
    if (url.pathname === '/oauth2/authorize') {
      const code = `code-${calls.length}`;
      challenges.set(code, call.query.code_challenge);
      const back = new URL(call.query.redirect_uri);
      back.search = new URLSearchParams({ code, state: call.query.state }).toString();
      res.writeHead(302, { location: back.toString() }).end();
    } else if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const grant = call.form.grant_type;
      const verified =
        grant === 'refresh_token' ||
        createHash('sha256')
          .update(call.form.code_verifier ?? '')
          .digest('base64url') === challenges.get(call.form.code);
      if (!verified)
        res
          .writeHead(400, { ...cors, 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_grant' }));
      else
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(options.issue(grant)));
    } else if (url.pathname === '/oauth2/revoke' && req.method === 'POST') {
      res.writeHead(200, cors).end();
    } else if (url.pathname === '/logout') {
      res.writeHead(302, { location: call.query.logout_uri }).end();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    setAllowedOrigin: (origin) => (allowedOrigin = origin),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
