import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** One dependency-cruiser run with the repo's rules (.dependency-cruiser.cjs); its violations as `rule: from → to`. */
function violationsOf(target: string, extraArgs: string[] = [], cwd = ROOT): string[] {
  const output = execFileSync(
    join(ROOT, 'node_modules', '.bin', 'depcruise'),
    [target, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...extraArgs],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(output) as {
    summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
  };
  return result.summary.violations.map((v) => {
    const path = v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`;
    return `${v.rule.name}: ${path}`;
  });
}

describe('import rules of functions/ (docs/architecture.md)', () => {
  it('no import cycle, no loop between use-case folders or between domain folders, a pure domain, use cases behind ports', () => {
    // Prepare / Act
    const violations = violationsOf('functions');

    // Assess
    expect(violations).toEqual([]);
  });

  it('the cycle rule catches two files that import each other', () => {
    // Prepare: fixtures/cycle holds first.ts ⇄ second.ts
    const fixture = 'test/unit/architecture/fixtures/cycle';

    // Act
    const violations = violationsOf(fixture, ['--include-only', `^${fixture}/`]);

    // Assess
    expect(violations).toContainEqual(expect.stringMatching(/^no-import-cycle: .*first\.ts.*second\.ts/));
  });

  it('the domain folder rule catches two domain folders that import each other through different files', () => {
    // Prepare: fixtures/folder-loop/functions/domain holds alpha/first.ts → beta/second.ts and beta/third.ts → alpha/alpha-name.ts
    const fixture = join(__dirname, 'fixtures', 'folder-loop');

    // Act
    const violations = violationsOf('functions', [], fixture);

    // Assess
    expect(violations).toContainEqual(
      'no-domain-folder-cycle: functions/domain/alpha → functions/domain/beta → functions/domain/alpha',
    );
    expect(violations.filter((v) => v.startsWith('no-import-cycle'))).toEqual([]);
  });
});
