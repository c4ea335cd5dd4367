import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApi } from './fake-api';
import { lethe, withEnv } from './run-lethe';

const TALLY = { due: 2, deleted: 1, anonymised: 1, archived: 0, sealed: 0, held: 0, failed: 0 };
const SWEEP_RUN = {
  now: '2030-01-01T00:00:00.000Z',
  dryRun: false,
  rows: [{ tenantId: 't1', dataClass: 'transcript', region: 'eu-central-1', tally: TALLY }],
  policyChanges: [],
  failures: [],
  unitsDone: 1,
  unitsTotal: 1,
};
const FINAL_VIEW = {
  requestId: 'r1',
  type: 'erase',
  status: 'cancelled',
  round: 1,
  cancelRequested: true,
  progress: { percent: 100, step: 'done', partitionsDone: 0, partitionsTotal: 0 },
};

/** Runs lethe against a fake API with the operator key set. */
async function againstFakeApi(routes: Parameters<typeof startFakeApi>[0], ...args: string[]) {
  const api = await startFakeApi(routes);
  const restore = withEnv({ LETHE_API: api.url, LETHE_OPERATOR_KEY: 'k'.repeat(32) });
  try {
    return await lethe(...args);
  } finally {
    restore();
    await api.close();
  }
}

describe('--json', () => {
  it('prints the sweep summary as JSON, one row per tenant × class × region', async () => {
    // Act
    const run = await againstFakeApi(
      { 'POST /v1/sweeps': () => ({ status: 200, body: SWEEP_RUN }) },
      'sweep',
      '--json',
    );
    // Assess
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.out)).toEqual({
      now: SWEEP_RUN.now,
      dryRun: false,
      rows: SWEEP_RUN.rows,
      policyChanges: [],
      failures: [],
    });
  });

  it('prints a subject request as JSON instead of its tables', async () => {
    // Act
    const run = await againstFakeApi(
      {
        'POST /v1/subject-requests': () => ({ status: 202, body: { requestId: 'r1', status: 'queued' } }),
        'GET /v1/subject-requests/r1': () => ({ status: 200, body: FINAL_VIEW }),
      },
      'subject',
      'erase',
      '--tenant',
      't1',
      '--phone',
      '+46701234567',
      '--token',
      'a.b.c',
      '--poll-ms',
      '1',
      '--json',
    );
    // Assess
    expect(JSON.parse(run.out)).toEqual(FINAL_VIEW);
  });

  it('prints the redaction scores as JSON', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lethe-json-'));
    writeFileSync(
      join(dir, 'labelled.jsonl'),
      JSON.stringify({ text: 'mail anna@example.se', spans: [{ start: 5, end: 20, type: 'email' }] }),
    );
    // Act
    const run = await lethe('redact', '--evaluate', join(dir, 'labelled.jsonl'), '--json');
    // Assess
    const report = JSON.parse(run.out);
    expect(report.lines).toBe(1);
    expect(report.types.find((t: { type: string }) => t.type === 'email')).toMatchObject({
      labelled: 1,
      redacted: 1,
      recall: 1,
      precision: 1,
    });
    expect(report.throughput.megabytesPerSecond).toBeGreaterThan(0);
  });

  it('is offered by every command that prints a table', async () => {
    // Prepare
    const commands = [['sweep'], ['audit', 'list'], ['subject', 'erase'], ['subject', 'export'], ['redact']];
    // Act
    const helps: string[] = [];
    for (const command of commands) helps.push((await lethe(...command, '--help')).out);
    // Assess
    for (const help of helps) expect(help).toContain('--json');
  });
});
