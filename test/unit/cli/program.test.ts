import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, USAGE_ERROR_EXIT_CODE } from '../../../functions/cli/main';

/** Runs `lethe <args>` in this process and returns what it printed and its exit status. */
async function lethe(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await main(['node', 'lethe', ...args]);
    return { out: out.join(''), err: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

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
