// One Lambda function as its deployed bundle, in a process of its own (infra/local/runtime/bundled-host.ts):
// `node bundle-runner.mjs <bundle index.mjs> <export name>`, invocations over the IPC channel.
import { pathToFileURL } from 'node:url';

const [bundlePath, exportName] = process.argv.slice(2);
// The runtime's clock (POST /_local/clock), shifted per invocation; functions/shared/clock-source.ts reads it here.
let offsetMs = 0;
globalThis[Symbol.for('lethe.clock')] = { now: () => new Date(Date.now() + offsetMs) };

const loaded = import(pathToFileURL(bundlePath).href).then((module) => {
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${bundlePath} does not export a function named ${exportName}`);
  return handler;
});
// A bundle that fails to load answers each invocation with that error (below), as a Lambda init error does.
loaded.catch(() => undefined);

const unsupported = () => {
  throw new Error('context.done/fail/succeed are not supported: return or throw from an async handler');
};

process.on('message', async ({ id, event, context, deadline, clockOffsetMs }) => {
  offsetMs = clockOffsetMs;
  const full = {
    ...context,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
  try {
    const value = await (await loaded)(event, full);
    process.send({ id, kind: 'result', value });
  } catch (error) {
    const { name = 'Error', message = String(error), stack } = error instanceof Error ? error : {};
    process.send({ id, kind: 'error', error: { name, message, stack } });
  }
});
// Ends with the runtime: the IPC channel closes when it exits.
process.on('disconnect', () => process.exit(0));
