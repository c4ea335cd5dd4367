import type { Command } from 'commander';
import { read } from 'read';
import { cognitoClient } from '../admin-token';
import { apiUrl } from '../local-stack';
import { type Secret, type SecretSource, signIn } from '../cognito-sign-in';
import { executeApiRegion } from '../operator-signing';
import { sessionsFile, storeSession } from '../session-store';

interface LoginOptions {
  username?: string;
  clientId?: string;
  mfaCode?: string;
}

/** Where each answer comes from without a terminal (CI), and how it is asked at one. */
const SOURCES: Record<Secret, { variable: string; question: string }> = {
  password: { variable: 'LETHE_PASSWORD', question: 'Password: ' },
  'totp-code': { variable: 'LETHE_MFA_CODE', question: 'Code from your authenticator app: ' },
  'sms-code': { variable: 'LETHE_MFA_CODE', question: 'Code from the SMS: ' },
  'new-password': { variable: 'LETHE_NEW_PASSWORD', question: 'New password (first sign-in): ' },
};

/**
 * Answers from `--mfa-code` and the variables first, else asked at the terminal without echo;
 * without a terminal a missing answer names the variable to set.
 */
export function secretSource(
  options: Pick<LoginOptions, 'mfaCode'>,
  env: NodeJS.ProcessEnv = process.env,
  ask: (question: string) => Promise<string> = (prompt) => read({ prompt, silent: true, replace: '' }),
  interactive = Boolean(process.stdin.isTTY),
): SecretSource {
  return async (secret) => {
    const { variable, question } = SOURCES[secret];
    const given = (secret.endsWith('-code') ? options.mfaCode : undefined) ?? env[variable];
    if (given) return given;
    if (!interactive) throw new Error(`no terminal to ask for the ${secret}: set ${variable}`);
    return ask(question);
  };
}

/**
 * `lethe login`: signs an admin in to the deployed stack at LETHE_API with Cognito (the stack's
 * CLI app client, output `CliClientId`), answering the new-password and MFA challenges, and keeps
 * the ID and refresh tokens in ~/.lethe/sessions.json (mode 0600). Admin commands then use them.
 * `lethe logout` forgets them.
 */
export function register(program: Command): void {
  program
    .command('login')
    .description('Sign in to the deployed stack at LETHE_API with your staff account (Cognito).')
    .option('--username <email>', 'your sign-in e-mail (default: LETHE_USERNAME)')
    .option('--client-id <id>', "the stack's CliClientId output (default: LETHE_CLI_CLIENT_ID)")
    .option('--mfa-code <code>', 'the MFA code, for scripts (default: LETHE_MFA_CODE, else asked)')
    .action(async (options: LoginOptions) => {
      const env = process.env;
      const api = apiUrl(env);
      const region = executeApiRegion(api);
      if (!region)
        throw new Error(
          `lethe login signs in to a deployed stack: set LETHE_API to its ApiUrl (${api} is not one; the local stack takes \`lethe token\`)`,
        );
      const clientId = options.clientId ?? env.LETHE_CLI_CLIENT_ID;
      const username = options.username ?? env.LETHE_USERNAME;
      if (!clientId) throw new Error("pass --client-id or set LETHE_CLI_CLIENT_ID (the stack's CliClientId output)");
      if (!username) throw new Error('pass --username or set LETHE_USERNAME');
      const cognito = cognitoClient(region, env);
      try {
        const tokens = await signIn(cognito, clientId, username, secretSource(options, env));
        storeSession(api, { ...tokens, region, clientId, username }, env);
      } finally {
        cognito.destroy();
      }
      process.stdout.write(`signed in to ${api} as ${username}; tokens kept in ${sessionsFile(env)}\n`);
    });
  program
    .command('logout')
    .description('Forget the sign-in to the stack at LETHE_API.')
    .action(() => {
      storeSession(apiUrl(), undefined);
      process.stdout.write(`signed out of ${apiUrl()}\n`);
    });
}
