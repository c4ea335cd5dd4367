import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(__dirname, '../../..');

/** Processes whose command line mentions `needle` (the state directory of the stack under test). */
function processesMentioning(needle: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

interface Started {
  child: ChildProcess;
  output: () => string;
  api: string;
}

/** Runs `npm start`'s entry point on random ports with its state in `stateDir`, until the banner shows. */
async function start(stateDir: string): Promise<Started> {
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

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveCode) => {
    child.once('exit', (code) => resolveCode(code));
    child.kill('SIGTERM');
  });
}

describe('npm start', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lethe-npm-start-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('serves the API, stops cleanly on SIGTERM leaving no process behind, and keeps its data for the next start', async () => {
    // Prepare
    const first = await start(stateDir);
    const health = await fetch(`${first.api}/v1/health`);
    const emulatorsWhileRunning = processesMentioning(stateDir);

    // Act
    const exitCode = await stop(first.child);
    const left = processesMentioning(stateDir);
    const keysAfterFirstStart = readFileSync(join(stateDir, 'kms.json'), 'utf8');
    const second = await start(stateDir);
    await stop(second.child);

    // Assess
    expect(health.status).toBe(200);
    expect(emulatorsWhileRunning.some((p) => p.includes('DynamoDBLocal.jar'))).toBe(true);
    expect(emulatorsWhileRunning.some((p) => p.includes('s3rver-process'))).toBe(true);
    expect(exitCode).toBe(0);
    expect(left).toEqual([]);
    expect(processesMentioning(stateDir)).toEqual([]);
    for (const file of ['operator.key', 'token.secret', 'kms.json', 'dynamodb'])
      expect(existsSync(join(stateDir, file))).toBe(true);
    expect(second.output()).toContain('tables lethe-eu-central-1-records existing');
    expect(readFileSync(join(stateDir, 'kms.json'), 'utf8')).toBe(keysAfterFirstStart);
  }, 180_000);
});
