import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRedactor, type RedactionSettingsInput, type RedactorOptions } from '../domain/redaction';
import { linesOf } from './line-chunks';
import { type RedactedChunk, redactLines } from './redact-lines';

/**
 * `lethe redact` on several cores: chunks of whole lines, as bytes, go to worker threads that each hold the same
 * redactor (same settings, same pseudonym key, so the same value gets the same pseudonym in every
 * chunk), split them into lines and answer with redactLines' result: the reading thread neither
 * decodes nor copies their lines. The workers run the CLI bundle itself
 * (redact-main.ts hands its own file over), so they start without ts-node.
 */
export interface RedactorInput {
  settings: RedactionSettingsInput;
  options: RedactorOptions;
}

const ROLE = 'lethe-redact-worker';

/** The cores the last minute's load leaves idle (all of them where the system reports no load average). */
export const idleCores = () => Math.round(availableParallelism() - loadavg()[0]);

interface WorkerSetup extends RedactorInput {
  role: typeof ROLE;
}

interface Pending {
  resolve(chunk: RedactedChunk): void;
  reject(error: Error): void;
}

export class RedactWorkerPool {
  private readonly workers: Worker[] = [];
  /** Per worker, its jobs not yet answered, oldest first: a worker answers in order. */
  private readonly pending: Pending[][] = [];

  constructor(script: string, size: number, input: RedactorInput) {
    const setup: WorkerSetup = { role: ROLE, ...input };
    for (let k = 0; k < size; k++) {
      const worker = new Worker(script, { workerData: setup });
      const queue: Pending[] = [];
      worker.on('message', (chunk: RedactedChunk) => queue.shift()?.resolve(chunk));
      const fail = (error: Error) => {
        for (const p of queue.splice(0)) p.reject(error);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a redaction worker stopped (exit code ${code})`)));
      this.workers.push(worker);
      this.pending.push(queue);
    }
  }

  /** Whether some worker has fewer than `chunks` chunks waiting. */
  hasRoom(chunks: number): boolean {
    return this.pending.some((queue) => queue.length < chunks);
  }

  /** The chunk's redaction, by the worker with the fewest chunks waiting. */
  redact(chunk: Uint8Array): Promise<RedactedChunk> {
    let k = 0;
    for (let j = 1; j < this.workers.length; j++) if (this.pending[j].length < this.pending[k].length) k = j;
    return new Promise((resolve, reject) => {
      this.pending[k].push({ resolve, reject });
      // A copy of its own, moved to the worker: the stream may reuse the memory it read into.
      const bytes = new Uint8Array(chunk);
      this.workers[k].postMessage(bytes, [bytes.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** In a worker started by RedactWorkerPool: answer chunks until terminated. Elsewhere: nothing. */
export function serveIfRedactWorker(): void {
  const setup = workerData as WorkerSetup | undefined;
  if (isMainThread || !parentPort || setup?.role !== ROLE) return;
  const redactor = createRedactor(setup.settings, setup.options);
  const port = parentPort;
  const utf8 = new TextEncoder();
  port.on('message', (chunk: Uint8Array) => {
    const { out, ...rest } = redactLines(redactor, linesOf(chunk));
    // Encoded here and moved, not copied: the main thread writes the bytes as they are.
    const bytes = utf8.encode(out);
    port.postMessage({ out: bytes, ...rest } satisfies RedactedChunk, [bytes.buffer]);
  });
}
