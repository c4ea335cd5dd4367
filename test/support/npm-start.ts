import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(__dirname, '../..');

export interface Started {
  child: ChildProcess;
  output: () => string;
  api: string;
}

/** Runs `npm start`'s entry point on random ports with its state in `stateDir`, until the banner shows. */
export async function start(stateDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'infra/local/start.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      LETHE_STATE_DIR: stateDir,
      LETHE_PORT: '0',
      LETHE_DYNAMODB_PORT: '0',
      LETHE_S3_PORT: '0',
      LETHE_KMS_PORT: '0',
      LETHE_OPERATOR_KEY: '',
      LETHE_LOCAL_TOKEN_SECRET: '',
      TS_NODE_PROJECT: join(PROJECT_ROOT, 'tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const api = await new Promise<string>((resolveApi, reject) => {
    const poll = setInterval(() => {
      const found = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (found) {
        clearInterval(poll);
        resolveApi(found[1]);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`npm start exited (${code}):\n${text}`));
    });
  });
  return { child, api, output: () => text };
}

export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveCode) => {
    child.once('exit', (code) => resolveCode(code));
    child.kill('SIGTERM');
  });
}
