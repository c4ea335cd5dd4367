import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
