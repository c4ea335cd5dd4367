import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exited, keepTail, stopChild } from './child-process';

export interface S3Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver's fixed credentials; every client of the local stack signs with them. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const PROJECT_ROOT = resolve(__dirname, '../../..');

/**
 * Starts s3rver 3.7.1 in a child process (`node --openssl-legacy-provider`), storing objects as
 * files under `directory`. Port 0 picks a free port, which the child reports back.
 */
export async function startS3rver(options: { port: number; directory: string }): Promise<S3Emulator> {
  mkdirSync(options.directory, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 's3rver-process.ts'),
      JSON.stringify(options),
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, TS_NODE_PROJECT: join(PROJECT_ROOT, 'tsconfig.json') },
    },
  );
  const tail = keepTail(child);
  const port = await new Promise<number>((resolvePort, reject) => {
    child.once('message', (m: { port: number }) => resolvePort(m.port));
    void exited(child).then((code) => reject(new Error(`s3rver exited (${code}) while starting:\n${tail()}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    stop: () =>
      stopChild(child, () => {
        if (child.connected) child.disconnect();
        else child.kill('SIGTERM');
      }),
  };
}
