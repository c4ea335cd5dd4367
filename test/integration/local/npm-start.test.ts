import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, stop } from '../../support/npm-start';

/** Processes whose command line mentions `needle` (the state directory of the stack under test). */
function processesMentioning(needle: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(needle) && !line.includes('ps -eo'));
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
