import { randomBytes } from 'node:crypto';
import type { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';
import { useClock } from '../../../functions/shared/clock-source';
import { useContainer } from '../../../functions/shared/container';
import { packageBuilds } from '../../../functions/shared/offboarding-wiring';
import { LOCAL_ACCOUNT } from '../../../functions/shared/resource-names';
import { subjectRequests } from '../../../functions/shared/subject-requests-wiring';
import { LocalCloud } from '../../../infra/local/provisioning/local-cloud';
import { synthesizeLethe } from '../../../infra/local/provisioning/synth';
import { buildApiModel, type ApiModel } from '../../../infra/local/runtime/api-model';
import { FlowingClock } from '../../../infra/local/runtime/flowing-clock';
import { dispatch } from '../../../infra/local/runtime/http-runtime';
import { LambdaHost } from '../../../infra/local/runtime/lambda-host';
import { PROJECT_ROOT } from '../../../infra/local/state';
import { inMemoryContainer } from '../../support/in-memory-container';
import type { RawItem } from '../ingest/support';
import type { LifecycleSystem } from './lifecycle';
import { LethePlatform, type Gateway } from './system';
import { twinRawStorage } from './twin-raw-storage';

type TwinContainer = ReturnType<typeof inMemoryContainer<FlowingClock>>;

/**
 * The lifecycle model's second system: the same handlers, routes, authorizer and use cases as the
 * emulator runs, in this process with no HTTP server, on the in-memory twins and a clock the test
 * holds. Each sequence gets a fresh deployment (empty stores, new keys), installed as the process's
 * container; requests go through the gateway of the synthesized templates (dispatch), background
 * jobs are awaited instead of polled, and raw storage is read from the twins.
 */
export async function twinSystem(): Promise<LifecycleSystem> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const api = buildApiModel(new LocalCloud(await synthesizeLethe(), LOCAL_ACCOUNT));
  const host = new LambdaHost(PROJECT_ROOT);
  const tokenSecret = randomBytes(32).toString('hex');
  const operatorKey = randomBytes(32).toString('hex');
  return {
    async begin() {
      const clock = new FlowingClock();
      const c = inMemoryContainer(clock, { localTokenSecret: tokenSecret });
      useClock(clock);
      useContainer(c);
      const platform = new LethePlatform(twinGateway(c, api, host, operatorKey));
      return { platform, container: c, readRaw: twinRawStorage(c) };
    },
  };
}

function twinGateway(c: TwinContainer, api: ApiModel, host: LambdaHost, operatorKey: string): Gateway {
  const options = { api, host, clock: c.clock, account: LOCAL_ACCOUNT, operatorKey, log: () => undefined };
  const buckets = new Map(
    c.config.regions.flatMap((region) => {
      const s = c.stores.storesFor(region);
      return [s.content, s.archive, s.litigation].map((store) => [store.bucket, store] as const);
    }),
  );
  return {
    clock: c.clock,
    async request(target, init) {
      const url = new URL(target, 'http://twin.local');
      const rawHeaders = Object.entries(init.headers).flat();
      const reply = await dispatch(
        {
          method: init.method,
          path: url.pathname,
          query: url.search.slice(1),
          rawHeaders,
          body: Buffer.from(init.body ?? ''),
          sourceIp: '127.0.0.1',
          domainName: url.host,
        },
        options,
      );
      const contentType = reply.headers['content-type'];
      return { status: reply.statusCode, contentType: String(contentType), text: reply.body.toString() };
    },
    /** A presigned PUT to a twin bucket (`memory://<bucket>/<key>?…`) stores the bytes as S3 would. */
    async upload(target, headers, bytes) {
      const url = new URL(target);
      const store = buckets.get(url.host);
      if (!store) return 404;
      await store.put(decodeURIComponent(url.pathname.slice(1)), bytes, { contentType: headers['content-type'] });
      return 200;
    },
    operatorKey,
    tokenEnv: { LETHE_LOCAL_TOKEN_SECRET: c.config.localTokenSecret },
    sweepContainer: () => c,
    async settled() {
      const runners = [subjectRequests(c).runner, packageBuilds(c)] as InProcessJobRunner[];
      await Promise.all(runners.map((r) => r.idle()));
    },
    async recordItems(tenantId) {
      const prefix = `T#${tenantId}#`;
      return c.config.regions.flatMap((region) =>
        c.stores
          .storesFor(region)
          .records.rawItems()
          .filter((i) => i.pk.startsWith(prefix)),
      ) as RawItem[];
    },
  };
}
