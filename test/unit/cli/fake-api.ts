import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned answer per `METHOD /path`; anything else is a 404 in Lethe's error shape. */
export type Routes = Record<string, (body: unknown) => { status: number; body: unknown }>;

/** A stand-in for Lethe's API on the loopback interface, for the CLI's tests. */
export async function startFakeApi(routes: Routes): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`];
      const answer = route
        ? route(text ? JSON.parse(text) : undefined)
        : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no such route' } } };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
