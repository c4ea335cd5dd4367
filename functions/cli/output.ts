import Table from 'cli-table3';

/** What decides colour: the stream the table goes to, and the environment. */
interface Terminal {
  stream?: { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
}

/**
 * Colour only for a person at a terminal: never when NO_COLOR is set to anything (no-color.org) or
 * when stdout is a pipe or a file, where escape codes would garble what reads it.
 */
export function colourWanted({ stream = process.stdout, env = process.env }: Terminal = {}): boolean {
  return !env.NO_COLOR && Boolean(stream.isTTY);
}

/** A table for the terminal; cli-table3 colours its head and borders whatever the output, so this decides. */
export function newTable(head: string[], terminal: Terminal = {}): Table.Table {
  return new Table(colourWanted(terminal) ? { head } : { head, style: { head: [], border: [] } });
}

/** `--json`: what a table shows, for scripts. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
