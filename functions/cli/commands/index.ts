import type { Command } from 'commander';
import { register as audit } from './audit';
import { register as litigation } from './litigation';
import { register as login } from './login';
import { register as redact } from './redact';
import { register as processingRegister } from './register';
import { register as subject } from './subject';
import { register as sweep } from './sweep';
import { register as tenant } from './tenant';
import { register as tenantBackfill } from './tenant-backfill';
import { register as tenantTerminate } from './tenant-terminate';
import { register as token } from './token';
import { register as users } from './users';

/** Each command file exports one `register(program)`; add yours to this list. */
// tenant-terminate and tenant-backfill add subcommands to `tenant`: they come after it.
export const COMMANDS: Array<(program: Command) => void> = [
  redact,
  tenant,
  tenantTerminate,
  tenantBackfill,
  token,
  subject,
  sweep,
  litigation,
  audit,
  processingRegister,
  login,
  users,
];
