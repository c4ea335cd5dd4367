import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/app';
import { BUNDLE_BUDGET_EXCEPTIONS, DEFAULT_BUNDLE_BUDGET_BYTES } from '../../infra/config/bundle-budgets';
import { HANDLERS } from '../../infra/config/handlers';
import { bundleFunction, startupCodeOf, type StartupCode } from '../../infra/constructs/lethe-bundling';

/**
 * Bundles every handler exactly as the construct does (one options function, lethe-bundling.ts)
 * and checks what a cold start loads. About 25 s on two shared cores.
 */
describe('Lambda bundles', () => {
  const startup = new Map<string, StartupCode>();
  const outRoot = mkdtempSync(join(tmpdir(), 'lethe-bundles-'));

  beforeAll(() => {
    // Prepare / Act
    for (const spec of HANDLERS)
      startup.set(
        spec.name,
        startupCodeOf(PROJECT_ROOT, bundleFunction(PROJECT_ROOT, spec.entry, join(outRoot, spec.name))),
      );
  }, 180_000);
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

  it('stay within their start-up budget: 250 kB unless an exception names the reason', () => {
    // Assess
    const over = HANDLERS.map((spec) => ({
      name: spec.name,
      bytes: startup.get(spec.name)!.bytes,
      budget: BUNDLE_BUDGET_EXCEPTIONS[spec.name]?.bytes ?? DEFAULT_BUNDLE_BUDGET_BYTES,
    }))
      .filter(({ bytes, budget }) => bytes > budget)
      .map(({ name, bytes, budget }) => `${name}: ${bytes} bytes, budget ${budget}`);
    expect(over).toEqual([]);
  });

  it('list an exception only for a function that is over the default and has a reason', () => {
    // Assess
    for (const [name, exception] of Object.entries(BUNDLE_BUDGET_EXCEPTIONS)) {
      expect(startup.get(name)?.bytes).toBeGreaterThan(DEFAULT_BUNDLE_BUDGET_BYTES);
      expect(exception.reason.length).toBeGreaterThan(20);
    }
  });

  it('load zip, spreadsheet and XML libraries only on the routes that export, never at start-up', () => {
    // Assess
    const eager = [...startup].flatMap(([name, code]) =>
      code.inputs
        .filter((input) => /node_modules\/(jszip|exceljs|pako|unzipper|archiver|xmlbuilder2|@oozcitak)\//.test(input))
        .map((input) => `${name}: ${input}`),
    );
    expect(eager).toEqual([]);
  });

  it('never load zod locales, and re2js only where tenant patterns are compiled', () => {
    // Assess
    const locales = [...startup].filter(([, code]) =>
      code.inputs.some(
        (input) => input.includes('node_modules/zod/') && input.includes('/locales/') && !input.endsWith('/en.js'),
      ),
    );
    expect(locales.map(([name]) => name)).toEqual([]);
    const withRe2 = [...startup]
      .filter(([, code]) => code.inputs.some((input) => input.includes('node_modules/re2js/')))
      .map(([name]) => name);
    for (const name of withRe2) expect(BUNDLE_BUDGET_EXCEPTIONS[name]?.reason).toMatch(/re2js/);
  });

  it('load the AWS SDK of the runtime with require (its CommonJS build), never with import (its slower ES module build)', () => {
    // Assess
    const sdkImports = [...startup].flatMap(([name, code]) =>
      code.externalImports.filter((path) => path.startsWith('@aws-sdk/')).map((path) => `${name}: ${path}`),
    );
    expect(sdkImports).toEqual([]);
    expect(startup.get('ingest-api')!.inputs.some((input) => input.includes('node_modules/@aws-sdk/'))).toBe(false);
  });

  it('are the same bytes from one bundling to the next, so an unchanged function keeps its asset hash and is not redeployed', () => {
    // Prepare
    const spec = HANDLERS.find((h) => h.name === 'admin-api')!;
    const first = join(outRoot, spec.name);
    const again = join(outRoot, `${spec.name}-again`);
    // Act
    bundleFunction(PROJECT_ROOT, spec.entry, again);
    // Assess
    const contents = (dir: string) =>
      Object.fromEntries(
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((file) => statSync(join(dir, file)).isFile())
          .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
      );
    expect(contents(again)).toEqual(contents(first));
  });

  it('do not pay for source maps at start-up: no sourceMappingURL in the code Lambda loads', () => {
    // Assess
    const linked = [...startup].filter(([, code]) =>
      code.files.some((file) => readFileSync(file, 'utf8').includes('sourceMappingURL')),
    );
    expect(linked.map(([name]) => name)).toEqual([]);
  });
});
