import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USAGE_ERROR_EXIT_CODE } from '../../../functions/cli/main';
import { lethe } from './run-lethe';

describe('the lethe command line', () => {
  it('prints its version with --version and exits 0', async () => {
    // Prepare
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    // Act
    const run = await lethe('--version');
    // Assess
    expect(run).toEqual({ out: `${version}\n`, err: '', exitCode: 0 });
  });

  it('exits 2 on an unknown command, naming it', async () => {
    // Act
    const run = await lethe('tenant-create');
    // Assess
    expect(run.exitCode).toBe(USAGE_ERROR_EXIT_CODE);
    expect(run.err).toContain("unknown command 'tenant-create'");
  });

  it('exits 2 on an unknown option of a command', async () => {
    // Act
    const run = await lethe('sweep', '--no-such-option');
    // Assess
    expect(run.exitCode).toBe(USAGE_ERROR_EXIT_CODE);
    expect(run.err).toContain("unknown option '--no-such-option'");
  });

  it('exits 0 after --help', async () => {
    // Act
    const run = await lethe('--help');
    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('Usage: lethe');
  });
});
