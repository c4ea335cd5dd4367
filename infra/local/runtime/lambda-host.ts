import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { LambdaTarget } from './lambda-target';

export type Invocation = { kind: 'result'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** What serves an invocation of a function: its sources in this process, or its deployed bundle (bundled-host.ts). */
export interface FunctionHost {
  /** `limitSeconds`: a caller's own deadline when shorter than the function's (API Gateway's 29 s). */
  invoke(target: LambdaTarget, event: unknown, requestId: string, limitSeconds?: number): Promise<Invocation>;
}

/**
 * Runs Lambda handlers in this process from their TypeScript sources (ts-node, transpile-only,
 * must be registered by the entry point). A module is loaded on its first invocation (its cold
 * start) and kept. The function's timeout from the template applies to each invocation; a handler
 * that overruns is reported as timed out (it cannot be stopped mid-flight in one process).
 */
export class LambdaHost implements FunctionHost {
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
    const run = (async (): Promise<Invocation> => {
      try {
        return { kind: 'result', value: await handler(event, context(target, requestId, deadline)) };
      } catch (error) {
        return { kind: 'error', error };
      }
    })();
    return withinSeconds(run, Math.min(target.timeoutSeconds, limitSeconds));
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

/** The invocation's outcome, or `timeout` once `seconds` have passed (it cannot be stopped mid-flight in one process). */
export async function withinSeconds(run: Promise<Invocation>, seconds: number): Promise<Invocation> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Invocation>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), seconds * 1000);
  });
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error for the runtime's log: its stack when it has one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** The serialisable part of a Lambda context (what a bundle's process receives over IPC). */
export function contextFields(target: LambdaTarget, requestId: string) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: target.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: target.functionArn,
    memoryLimitInMB: String(target.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${target.functionName}`,
    logStreamName: 'local',
  };
}

function context(target: LambdaTarget, requestId: string, deadline: number): Context {
  const unsupported = () => {
    throw new Error('context.done/fail/succeed are not supported: return or throw from an async handler');
  };
  return {
    ...contextFields(target, requestId),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
