import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CognitoTokens } from './cognito-sign-in';

/** An admin's sign-in to one deployed API, as `lethe login` keeps it. */
export interface StoredSession extends CognitoTokens {
  region: string;
  clientId: string;
  username: string;
}

/** Where sign-ins are kept: `~/.lethe/sessions.json` (LETHE_HOME moves the folder), readable by the user alone. */
export const sessionsFile = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.LETHE_HOME ?? join(homedir(), '.lethe'), 'sessions.json');

type Sessions = Record<string, StoredSession>;

function readAll(env: NodeJS.ProcessEnv): Sessions {
  const file = sessionsFile(env);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Sessions) : {};
}

/** The sign-in kept for the API at `apiUrl`, if any. */
export const storedSession = (apiUrl: string, env: NodeJS.ProcessEnv = process.env): StoredSession | undefined =>
  readAll(env)[apiUrl];

/** Keeps (or, with undefined, forgets) the sign-in for `apiUrl`; the file is mode 0600 in a 0700 folder. */
export function storeSession(
  apiUrl: string,
  session: StoredSession | undefined,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const file = sessionsFile(env);
  const { [apiUrl]: _previous, ...others } = readAll(env);
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(session ? { ...others, [apiUrl]: session } : others, null, 2)}\n`, {
    mode: 0o600,
  });
  // writeFileSync's mode applies to a new file only.
  chmodSync(file, 0o600);
}
