import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openApiDocument } from '../../../functions/shared/openapi/document';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory holding the generated document as `openapi.json`, removed after the test file. */
export function writeDocument(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lethe-openapi-'));
  written.push(dir);
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  return { dir, file };
}

/** Runs an npm package's command-line entry (bin file under node_modules) with this Node. */
export async function runPackageCli(binFile: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules', binFile), ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 32 * 1024 * 1024,
  });
}
