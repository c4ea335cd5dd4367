import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { sdkNamesImportedUnder } from './sdk-imports';

/** The module Lambda loads: `index.mjs`, exporting `handler`. */
export const BUNDLE_HANDLER = 'index.handler';

/** The name through which the bundle loads the AWS SDK with CommonJS `require` (see sdkShims). */
const SDK_REQUIRE = '__letheSdkRequire';

/**
 * ES modules need these CommonJS names when a bundled package (exceljs, jszip…) or a handler uses
 * them; esbuild leaves them free, so each output file defines them once at its top.
 */
const COMMONJS_NAMES = [
  "import { createRequire as __letheRequire } from 'node:module';",
  "import { fileURLToPath as __letheFilePath } from 'node:url';",
  "import { dirname as __letheDirname } from 'node:path';",
  `const ${SDK_REQUIRE} = __letheRequire(import.meta.url);`,
  `const require = ${SDK_REQUIRE};`,
  'const __filename = __letheFilePath(import.meta.url);',
  'const __dirname = __letheDirname(__filename);',
].join(' ');

/**
 * How every Lethe function is bundled, for the construct and the bundle-budget test alike:
 * minified ES modules with code splitting, so a package reached only through `await import()`
 * (functions/domain/export/export-formats.ts) lands in a chunk of its own that loads when a route uses
 * it. The AWS SDK v3 ships with the Node.js 22 runtime and stays out, loaded through `require`
 * (`sdkShims`): its ES module build is hundreds of files, about 100 ms more CPU at a cold start
 * than its CommonJS one (bench/RESULTS.md, cold init). Source maps are written
 * beside the code for decoding a stack trace offline but never loaded: no `sourceMappingURL`,
 * no `--enable-source-maps`, so a cold start does not parse them.
 */
function letheBuildOptions(
  projectRoot: string,
  entry: string,
  outdir: string,
  sdkShims: Record<string, string>,
): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: { index: join(projectRoot, entry) },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    external: ['@aws-sdk/*'],
    alias: sdkShims,
    banner: { js: COMMONJS_NAMES },
    metafile: true,
    logLevel: 'warning',
  };
}

/** Bundles `entry` into `outdir` and copies `folders` (relative to `projectRoot`) next to it; returns esbuild's metafile. */
export function bundleFunction(
  projectRoot: string,
  entry: string,
  outdir: string,
  folders: readonly string[] = [],
): Metafile {
  const { metafile } = buildSync(letheBuildOptions(projectRoot, entry, outdir, sdkShims(projectRoot)));
  for (const folder of folders) cpSync(join(projectRoot, folder), join(outdir, folder), { recursive: true });
  return metafile!;
}

/**
 * For each AWS SDK package the project depends on, a small CommonJS module that `require`s it at
 * run time, on first use of one of the names the functions import from it
 * (`sdkNamesImportedUnder`): a function pays at its cold start only for the SDK clients it uses —
 * the authorizer loads DynamoDB's, not S3's, KMS's or Lambda's. esbuild's alias puts the shim in
 * place of the package, so the bundle never `import`s the SDK. They live at a fixed place
 * (node_modules/.cache), so the source maps, and with them the asset hash, are the same from one
 * synth to the next; each is written whole by a rename.
 */
function sdkShims(projectRoot: string): Record<string, string> {
  const shimDir = join(projectRoot, 'node_modules', '.cache', 'lethe-sdk-shims');
  mkdirSync(shimDir, { recursive: true });
  const { dependencies } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const imported = sdkNamesImportedUnder(join(projectRoot, 'functions'));
  const packages = Object.keys(dependencies).filter((name) => name.startsWith('@aws-sdk/'));
  return Object.fromEntries(
    packages.map((name) => {
      const shim = join(shimDir, `${name.replace('/', '+')}.cjs`);
      const written = `${shim}.${process.pid}`;
      writeFileSync(written, lazyShim(name, [...(imported.get(name) ?? [])].sort()));
      renameSync(written, shim);
      return [name, shim];
    }),
  );
}

/** A CommonJS module exporting `names` of SDK package `name`, which it loads on the first read of one. */
function lazyShim(name: string, names: readonly string[]): string {
  return [
    'let sdk;',
    `const load = () => (sdk ??= ${SDK_REQUIRE}(${JSON.stringify(name)}));`,
    `for (const name of ${JSON.stringify(names)})`,
    '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
    '',
  ].join('\n');
}

/** What a cold start loads: index.mjs and the chunks it imports statically (not those behind `await import()`). */
export interface StartupCode {
  /** Absolute paths. */
  files: string[];
  bytes: number;
  /** Source files and packages (`node_modules/<name>/…`) whose code is in those files. */
  inputs: string[];
  /** Modules those files `import` from outside the bundle (Node.js built-ins). */
  externalImports: string[];
}

export function startupCodeOf(projectRoot: string, metafile: Metafile): StartupCode {
  const entry = Object.keys(metafile.outputs).find((path) => path.endsWith('index.mjs'));
  if (!entry) throw new Error('the bundle has no index.mjs');
  const files = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    pending.push(
      ...metafile.outputs[file].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path),
    );
  }
  const outputs = [...files].map((file) => metafile.outputs[file]);
  return {
    files: [...files].map((file) => resolve(projectRoot, file)),
    bytes: outputs.reduce((sum, output) => sum + output.bytes, 0),
    inputs: [...new Set(outputs.flatMap((output) => Object.keys(output.inputs)))],
    externalImports: [
      ...new Set(outputs.flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path))),
    ],
  };
}
