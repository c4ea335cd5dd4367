import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useClock } from '../../functions/shared/clock-source';
import { LOCAL_ACCOUNT } from '../../functions/shared/resource-names';
import { LocalCloud } from '../../infra/local/provisioning/local-cloud';
import { synthesizeLethe } from '../../infra/local/provisioning/synth';
import { buildApiModel } from '../../infra/local/runtime/api-model';
import { FlowingClock } from '../../infra/local/runtime/flowing-clock';
import { startHttpRuntime } from '../../infra/local/runtime/http-runtime';
import { BundledLambdaHost } from '../../infra/local/runtime/bundled-host';
import { type FunctionHost, LambdaHost } from '../../infra/local/runtime/lambda-host';
import { PROJECT_ROOT } from '../../infra/local/state';
import { env } from './emulators';

export interface PrivateRuntime {
  /** Base URL of this runtime's API. */
  url: string;
  /** The clock of every handler, job and sweep in this jest worker: move it freely. */
  clock: FlowingClock;
  /** What runs the functions, and the synthesized stacks it runs them from. */
  host: FunctionHost;
  cloud: LocalCloud;
  close(): Promise<void>;
}

/**
 * A second HTTP runtime, in this jest worker, on the emulators the global setup started, with a
 * clock of its own. The shared runtime's clock belongs to every suite running at the same time
 * (a jump of years would expire their records mid-test); a test that must move time by months
 * serves the same handlers here and moves this clock instead. Jobs (subject requests,
 * offboarding) run in this process, on this clock, as they do in the shared runtime. With `bundled`,
 * each function runs as its deployed bundle in a process of its own (bundled-host.ts), on this clock too.
 */
export async function startPrivateRuntime(options: { bundled?: boolean } = {}): Promise<PrivateRuntime> {
  // The shared runtime writes the handlers' logs to its own file; here they would flood the test output.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const cloud = new LocalCloud(await synthesizeLethe(), LOCAL_ACCOUNT);
  const clock = new FlowingClock();
  useClock(clock);
  const bundles = options.bundled ? mkdtempSync(join(tmpdir(), 'lethe-run-bundles-')) : undefined;
  const host = bundles ? new BundledLambdaHost(cloud, PROJECT_ROOT, bundles, clock) : new LambdaHost(PROJECT_ROOT);
  const runtime = await startHttpRuntime({
    port: 0,
    api: buildApiModel(cloud),
    host,
    clock,
    account: LOCAL_ACCOUNT,
    operatorKey: env('LETHE_OPERATOR_KEY'),
    log: () => undefined,
  });
  const close = async () => {
    await runtime.close();
    if (host instanceof BundledLambdaHost) host.close();
    if (bundles) rmSync(bundles, { recursive: true, force: true });
  };
  return { url: runtime.url, clock, host, cloud, close };
}
