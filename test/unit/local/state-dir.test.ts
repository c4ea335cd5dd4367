import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerOnlyStateDir, readOrCreateSecret } from '../../../infra/local/state';

/** The local state directory (.lethe/) is the owner's only (finding L9). */
const mode = (path: string) => statSync(path).mode & 0o777;
let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lethe-state-'));
  umask = process.umask();
});

afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe('the local state directory', () => {
  it('is created 0700, and what is written in it afterwards is 0600 (directories 0700)', () => {
    // Prepare
    process.umask(0o022);
    const state = join(root, '.lethe');
    // Act
    ownerOnlyStateDir(state);
    mkdirSync(join(state, 's3'));
    writeFileSync(join(state, 's3', 'object'), 'recording');
    readOrCreateSecret(join(state, 'token.secret'));
    // Assess
    expect([
      mode(state),
      mode(join(state, 's3')),
      mode(join(state, 's3', 'object')),
      mode(join(state, 'token.secret')),
    ]).toEqual([0o700, 0o700, 0o600, 0o600]);
  });

  it('an existing world-readable state directory is closed down, files and folders alike', () => {
    // Prepare
    const state = join(root, '.lethe');
    mkdirSync(join(state, 'dynamodb'), { recursive: true, mode: 0o755 });
    writeFileSync(join(state, 'dynamodb', 'shared-local-instance.db'), 'tables', { mode: 0o644 });
    writeFileSync(join(state, 'kms.json'), '{}', { mode: 0o666 });
    // Act
    ownerOnlyStateDir(state);
    // Assess
    expect([
      mode(state),
      mode(join(state, 'dynamodb')),
      mode(join(state, 'dynamodb', 'shared-local-instance.db')),
      mode(join(state, 'kms.json')),
    ]).toEqual([0o700, 0o700, 0o600, 0o600]);
  });
});
