import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchHttpSender } from '../../../functions/adapters/http/fetch-http-sender';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server on 127.0.0.1 answering each request with `answer`; what it received is kept. */
async function serve(answer: (path: string, res: import('node:http').ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      answer(req.url ?? '', res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the fetch adapter that sends webhooks', () => {
  it('posts the body and headers as given and answers the recipient’s status', async () => {
    // Prepare
    const server = await serve((_p, res) => res.writeHead(202).end('accepted'));
    // Act
    const result = await new FetchHttpSender().post({
      url: `${server.base}/hook`,
      headers: { 'lethe-webhook-id': 'r.1.crm' },
      body: '{"a":1}',
    });
    await server.close();
    // Assess
    expect(result).toEqual({ kind: 'answered', status: 202 });
    expect(server.seen).toEqual([
      {
        path: '/hook',
        headers: expect.objectContaining({ 'lethe-webhook-id': 'r.1.crm', 'content-type': 'application/json' }),
        body: '{"a":1}',
      },
    ]);
  });

  it('does not follow a redirect: the 3xx is the answer, the other URL is never called', async () => {
    // Prepare
    const server = await serve((path, res) =>
      path === '/hook' ? res.writeHead(302, { location: '/elsewhere' }).end() : res.writeHead(200).end(),
    );
    // Act
    const result = await new FetchHttpSender().post({ url: `${server.base}/hook`, headers: {}, body: '{}' });
    await server.close();
    // Assess
    expect(result).toEqual({ kind: 'answered', status: 302 });
    expect(server.seen.map((s) => s.path)).toEqual(['/hook']);
  });

  it('a recipient that does not answer in time, or cannot be reached, is an unanswered attempt, not an error', async () => {
    // Prepare: one server that never answers, one port nobody listens on
    const silent = await serve(() => undefined);
    const gone = await serve((_p, res) => res.end());
    await gone.close();
    // Act
    const timedOut = await new FetchHttpSender(200).post({ url: `${silent.base}/hook`, headers: {}, body: '{}' });
    const unreachable = await new FetchHttpSender(200).post({ url: `${gone.base}/hook`, headers: {}, body: '{}' });
    await silent.close();
    // Assess
    expect(timedOut).toEqual({ kind: 'unanswered', reason: 'timeout' });
    expect(unreachable).toEqual({ kind: 'unanswered', reason: 'unreachable' });
  });
});
