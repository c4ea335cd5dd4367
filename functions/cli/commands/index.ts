import type { Command } from 'commander';
import { register as redact } from './redact';
import { register as tenant } from './tenant';
import { register as token } from './token';

/** Each command file exports one `register(program)`; add yours to this list. */
export const COMMANDS: Array<(program: Command) => void> = [redact, tenant, token];
