import { execFileSync } from 'node:child_process';

/**
 * The commit a bench measured, for its section of bench/RESULTS.md: `+changes` when the work tree's
 * `functions/` differs from it; outside a git checkout (an archived older commit), BENCH_COMMIT.
 */
export function measuredCommit(root: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: 'pipe' }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'functions') ? '+changes' : ''}`;
  } catch {
    return process.env.BENCH_COMMIT ?? 'outside a git checkout';
  }
}
