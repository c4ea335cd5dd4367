import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const DOMAIN = join(__dirname, '../../../functions/domain');
// AWS and Lambda belong in adapters and handlers; I/O modules would make the domain impure.
const FORBIDDEN =
  /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-cdk-lib|aws-lambda|constructs|(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads)$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the domain is pure', () => {
  it('no file under functions/domain imports AWS, Lambda or I/O modules', () => {
    // Prepare
    const files = sourceFiles(DOMAIN);
    // Act
    const offending = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)]
        .map((m) => m[1])
        .filter((specifier) => FORBIDDEN.test(specifier))
        .map((specifier) => `${relative(DOMAIN, file)} imports ${specifier}`),
    );
    // Assess
    expect(files.length).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });
});
