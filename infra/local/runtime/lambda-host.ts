import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { LambdaTarget } from './lambda-target';

export type Invocation = { kind: 'result'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs Lambda handlers in this process from their TypeScript sources (ts-node, transpile-only,
 * must be registered by the entry point). A module is loaded on its first invocation (its cold
 * start) and kept. The function's timeout from the template applies to each invocation; a handler
 * that overruns is reported as timed out (it cannot be stopped mid-flight in one process).
 */
export class LambdaHost {
  private readonly handlers = new Map<string, Handler>();

  constructor(private readonly projectRoot: string) {}

  /** `limitSeconds`: a caller's own deadline when shorter than the function's (API Gateway's 29 s). */
  async invoke(
    target: LambdaTarget,
    event: unknown,
    requestId: string,
    limitSeconds = target.timeoutSeconds,
  ): Promise<Invocation> {
    let handler: Handler;
    try {
      handler = this.load(target);
    } catch (error) {
      return { kind: 'error', error };
    }
    const deadline = Date.now() + target.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Invocation>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.min(target.timeoutSeconds, limitSeconds) * 1000);
    });
    const run = (async (): Promise<Invocation> => {
      try {
        return { kind: 'result', value: await handler(event, context(target, requestId, deadline)) };
      } catch (error) {
        return { kind: 'error', error };
      }
    })();
    try {
      return await Promise.race([run, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(target: LambdaTarget): Handler {
    const key = `${target.entry}#${target.handler}`;
    const cached = this.handlers.get(key);
    if (cached) return cached;
    const module = require(join(this.projectRoot, target.entry)) as Record<string, unknown>;
    const handler = module[target.handler];
    if (typeof handler !== 'function')
      throw new Error(`${target.entry} does not export a function named ${target.handler}`);
    this.handlers.set(key, handler as Handler);
    return handler as Handler;
  }
}

/** An error for the runtime's log: its stack when it has one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

function context(target: LambdaTarget, requestId: string, deadline: number): Context {
  const unsupported = () => {
    throw new Error('context.done/fail/succeed are not supported: return or throw from an async handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: target.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: target.functionArn,
    memoryLimitInMB: String(target.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${target.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
