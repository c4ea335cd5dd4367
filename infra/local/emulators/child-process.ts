import type { ChildProcess } from 'node:child_process';

/** Resolves with the exit code (or the signal's name) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? String(child.signalCode));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? String(signal))));
}

/** Asks a child to stop, then kills it if it has not gone within `graceMs`. */
export async function stopChild(child: ChildProcess, ask: () => void, graceMs = 5000): Promise<void> {
  const done = exited(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  ask();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** The last lines a child wrote, to explain a failed start. */
export function keepTail(child: ChildProcess, lines = 30): () => string {
  const tail: string[] = [];
  const take = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - lines));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => tail.join('\n');
}

/** Polls `probe` until it resolves true, the child exits, or time runs out. */
export async function waitUntilReady(
  child: ChildProcess,
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 30000,
): Promise<'ready' | 'exited'> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited(child).then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) return 'exited';
    if (await probe().catch(() => false)) return 'ready';
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** Whether a process still exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
