import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Browser commands tried on the PATH, in order, after CHROME_PATH. */
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Chromium the console's end-to-end tests drive (playwright-core never downloads one):
 * CHROME_PATH when set, else the first of COMMANDS on the PATH. When none is there the error is one
 * line that says what to install, with no stack to read through.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROME_PATH) {
    if (executable(env.CHROME_PATH)) return env.CHROME_PATH;
    throw oneLineError(
      `CHROME_PATH=${env.CHROME_PATH} is not an executable file: point it at a Chromium or Chrome binary, or unset it.`,
    );
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const command of COMMANDS) for (const dir of dirs) if (executable(join(dir, command))) return join(dir, command);
  throw oneLineError(
    `The console end-to-end tests need Chromium and found none (CHROME_PATH unset; no ${COMMANDS.join(', ')} on the PATH): install it (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH.`,
  );
}

function oneLineError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
