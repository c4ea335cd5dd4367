import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLERS } from '../../config/handlers';
import { BUNDLE_HANDLER, bundleFunction } from '../../constructs/lethe-bundling';
import type { LocalCloud } from '../provisioning/local-cloud';
import type { Clock } from '../../../functions/ports/clock';
import { environmentOfFunction } from './function-environment';
import { contextFields, type FunctionHost, type Invocation, withinSeconds } from './lambda-host';
import type { LambdaTarget } from './lambda-target';

const RUNNER = join(__dirname, 'bundle-runner.mjs');

interface Reply {
  id: number;
  kind: 'result' | 'error';
  value?: unknown;
  error?: { name: string; message: string; stack?: string };
}

/**
 * Runs each function as `cdk synth` ships it: the esbuild bundle the construct builds
 * (`bundleFunction`, the same options), in a Node process of its own with the environment the
 * template gives that function, so a bundling fault (a file not copied, a dynamic require, an
 * ESM/CJS mismatch) shows here before AWS. A function is bundled and started at its first
 * invocation (its cold start) and kept warm; one that overruns its timeout is stopped, as Lambda
 * discards a timed-out sandbox. Every process reads the runtime's clock, passed with each event.
 */
export class BundledLambdaHost implements FunctionHost {
  private readonly processes = new Map<string, ChildProcess>();
  private readonly pending = new Map<number, { functionName: string; resolve: (reply: Invocation) => void }>();
  private nextId = 0;

  constructor(
    private readonly cloud: LocalCloud,
    private readonly projectRoot: string,
    private readonly outRoot: string,
    private readonly clock: Clock,
  ) {}

  invoke(
    target: LambdaTarget,
    event: unknown,
    requestId: string,
    limitSeconds = target.timeoutSeconds,
  ): Promise<Invocation> {
    let child: ChildProcess;
    try {
      child = this.processFor(target);
    } catch (error) {
      return Promise.resolve({ kind: 'error', error });
    }
    const id = this.nextId++;
    const run = new Promise<Invocation>((resolve) =>
      this.pending.set(id, { functionName: target.functionName, resolve }),
    );
    child.send({
      id,
      event,
      context: contextFields(target, requestId),
      deadline: Date.now() + target.timeoutSeconds * 1000,
      clockOffsetMs: this.clock.now().getTime() - Date.now(),
    });
    return withinSeconds(run, Math.min(target.timeoutSeconds, limitSeconds)).then((outcome) => {
      if (outcome.kind === 'timeout') {
        this.pending.delete(id);
        this.stop(target.functionName);
      }
      return outcome;
    });
  }

  /** Stops every function's process. */
  close(): void {
    for (const name of [...this.processes.keys()]) this.stop(name);
  }

  private processFor(target: LambdaTarget): ChildProcess {
    const running = this.processes.get(target.functionName);
    if (running) return running;
    const spec = HANDLERS.find((h) => h.entry === target.entry);
    if (!spec) throw new Error(`${target.entry} is not a handler of infra/config/handlers.ts`);
    const outdir = join(this.outRoot, spec.name);
    bundleFunction(this.projectRoot, spec.entry, outdir, spec.bundleFolders ?? []);
    const own = environmentOfFunction(this.cloud.stack(target.stackName), target.logicalId).variables;
    const child = fork(RUNNER, [join(outdir, 'index.mjs'), BUNDLE_HANDLER.split('.')[1]], {
      env: {
        ...process.env,
        ...own,
        AWS_LAMBDA_FUNCTION_NAME: target.functionName,
        NODE_OPTIONS: '',
        NODE_PATH: this.runtimeModules(),
      },
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (reply: Reply) => this.settle(reply));
    child.on('exit', (code, signal) => {
      if (this.processes.get(target.functionName) !== child) return;
      this.processes.delete(target.functionName);
      // What it was running fails, as a Lambda sandbox that crashed does.
      for (const [id, waiting] of this.pending)
        if (waiting.functionName === target.functionName) {
          this.pending.delete(id);
          waiting.resolve({ kind: 'error', error: new Error(`${target.functionName} exited (${signal ?? code})`) });
        }
    });
    this.processes.set(target.functionName, child);
    return child;
  }

  /**
   * What the Lambda Node.js runtime provides beside a bundle: the AWS SDK v3 and nothing else (the
   * bundles leave only `@aws-sdk/*` external), so a bundle that needs any other package fails here too.
   */
  private runtimeModules(): string {
    const modules = join(this.outRoot, 'runtime', 'node_modules');
    if (!existsSync(join(modules, '@aws-sdk'))) {
      mkdirSync(modules, { recursive: true });
      symlinkSync(join(this.projectRoot, 'node_modules', '@aws-sdk'), join(modules, '@aws-sdk'), 'dir');
    }
    return modules;
  }

  private settle(reply: Reply): void {
    const resolve = this.pending.get(reply.id)?.resolve;
    if (!resolve) return; // timed out meanwhile
    this.pending.delete(reply.id);
    if (reply.kind === 'result') resolve({ kind: 'result', value: reply.value });
    else resolve({ kind: 'error', error: Object.assign(new Error(reply.error?.message), reply.error) });
  }

  private stop(functionName: string): void {
    this.processes.get(functionName)?.kill();
    this.processes.delete(functionName);
  }
}
