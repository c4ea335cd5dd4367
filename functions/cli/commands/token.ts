import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../../../infra/local/operator-key';
import { LocalAdminTokens } from '../../adapters/auth/local-admin-tokens';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../../domain/staff/session-revocation';
import { SettableClock } from '../../domain/clock';
import { ADMIN_ROLES, type AdminRole } from '../../domain/access/admin-roles';
import { LetheApiClient } from '../api-client';
import { instantOption, instantProblem } from '../instant-option';
import { localRuntimeClock } from '../local-clock';

/** The signing secret: LETHE_LOCAL_TOKEN_SECRET wins over the one `npm start` keeps in `.lethe/token.secret`. */
export function localTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LETHE_LOCAL_TOKEN_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = join(stateDir(env), 'token.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(
    `no local token secret: start the local stack (npm start writes ${file}) or set LETHE_LOCAL_TOKEN_SECRET. In AWS, admin tokens come from Cognito, not from this command.`,
  );
}

interface TokenOptions {
  tenant: string;
  role: string;
  group?: string;
  user?: string;
  hours: string;
  now?: string;
}

/** `lethe token`: a locally signed admin token, verified by the same authorizer as Cognito's. */
export function register(program: Command): void {
  program
    .command('token')
    .description(
      'Print an admin token for the local stack (signed with .lethe/token.secret or LETHE_LOCAL_TOKEN_SECRET, at its clock).',
    )
    .requiredOption('--tenant <tenantId>', 'the tenant the token is for')
    .requiredOption('--role <role>', `one of ${ADMIN_ROLES.join(', ')}`)
    .option('--group <group>', 'the agent group (custom:group)')
    .option('--user <userId>', 'the staff user id (sub)', 'local-user')
    .option('--hours <n>', 'hours until the token expires', '12')
    .option(
      '--now <iso>',
      'sign as of this instant (default: the clock of the local stack, which POST /_local/clock moves)',
      instantOption('--now'),
    )
    .action(async (options: TokenOptions) => {
      // Signed at the local runtime's clock, so the token is valid there after the clock was moved.
      const now = options.now ?? (await localRuntimeClock(new LetheApiClient()));
      process.stdout.write(`${await localAdminToken({ ...options, now })}\n`);
    });
}

export async function localAdminToken(options: TokenOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const role = ADMIN_ROLES.find((r) => r === options.role);
  if (!role) throw new Error(`--role must be one of ${ADMIN_ROLES.join(', ')}, not "${options.role}"`);
  const hours = Number(options.hours);
  const maxHours = MAX_TOKEN_LIFETIME_SECONDS / 3600;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours)
    throw new Error(
      `--hours must be a number of hours from 0 to ${maxHours} (as long as a Cognito ID token lives at most), not "${options.hours}"`,
    );
  const now = options.now ?? new Date().toISOString();
  const problem = instantProblem('--now', now);
  if (problem) throw new Error(problem);
  const tokens = new LocalAdminTokens(localTokenSecret(env), new SettableClock(now));
  return tokens.issue(
    {
      sub: options.user ?? 'local-user',
      'custom:tenant': options.tenant,
      'cognito:groups': [role as AdminRole],
      ...(options.group ? { 'custom:group': options.group } : {}),
    },
    Math.round(hours * 3600),
  );
}
