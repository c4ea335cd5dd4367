import { join } from 'node:path';
import { REPO_ROOT, runPackageCli, writeDocument } from './document-file';

type LintReport = {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
};

describe('the OpenAPI document under Redocly lint (redocly.yaml: the recommended rules)', () => {
  it('has no error and no warning', async () => {
    // Prepare
    const { file } = writeDocument();

    // Act
    // `lint` exits 1 on errors; the JSON report is on stdout either way.
    const { stdout } = await runPackageCli('@redocly/cli/bin/cli.js', [
      'lint',
      file,
      '--config',
      join(REPO_ROOT, 'redocly.yaml'),
      '--format=json',
    ]).catch((failed: { stdout: string }) => failed);
    const report = JSON.parse(stdout) as LintReport;

    // Assess
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });
});
