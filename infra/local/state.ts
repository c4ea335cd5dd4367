import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Repository root: handler entries in the templates are relative to it. */
export const PROJECT_ROOT = resolve(__dirname, '../..');

export const statePaths = (dir: string) => ({
  dynamodb: join(dir, 'dynamodb'),
  s3: join(dir, 's3'),
  kms: join(dir, 'kms.json'),
  operatorKey: join(dir, 'operator.key'),
  tokenSecret: join(dir, 'token.secret'),
});

/** A random secret kept in `file` (created on first use, readable by the owner only). */
export function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = newSecret();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The state directory holds database files, export packages and decrypted copies: it is made
 * 0700 and everything in it 0600 (directories 0700), and the process's umask becomes 077, so what
 * this process and the emulators it starts (DynamoDB Local, s3rver) write later is the owner's only.
 */
export function ownerOnlyStateDir(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir);
}

function restrict(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrict(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
