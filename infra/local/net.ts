import type { Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

/** Listens on loopback only; port 0 picks a free port (read it back from server.address()). */
export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * A loopback port that was free a moment ago, for programs that cannot be told "port 0" and
 * report back (DynamoDB Local). The caller retries if another process takes it first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
