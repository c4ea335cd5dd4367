import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every TypeScript source under `dir`. */
export const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

const NAMED = /(?:import|export)\s*(type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+)'/g;

/**
 * The values the sources under `dir` import from each AWS SDK package by name (`import { A, B as C }`;
 * `type` imports are erased by the compiler and left out): what the bundles' lazy SDK shims must carry (lethe-bundling.ts). A namespace
 * or dynamic import of the SDK would reach names this cannot see; test/infra/sdk-imports.test.ts
 * keeps the functions free of them.
 */
export function sdkNamesImportedUnder(dir: string): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const file of sourcesUnder(dir))
    for (const [, typeOnly, list, pkg] of readFileSync(file, 'utf8').matchAll(NAMED)) {
      if (typeOnly) continue;
      const names = byPackage.get(pkg) ?? new Set<string>();
      for (const part of list.split(',').map((p) => p.trim()))
        if (part && !part.startsWith('type ')) names.add(part.split(/\s+as\s+/)[0]);
      byPackage.set(pkg, names);
    }
  return byPackage;
}
