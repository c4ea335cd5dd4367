import type { Command } from 'commander';

/** Each command file exports one `register(program)`; add yours to this list. */
export const COMMANDS: Array<(program: Command) => void> = [];
