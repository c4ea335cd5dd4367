import { localAdminToken } from '../../../functions/cli/commands/token';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import type { NamePrefixBackfill } from '../../../functions/usecases/maintenance/backfill-name-prefixes';
import { runSweep, type SweepRun } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { isNamePrefixEntry } from '../../../functions/usecases/records/subject-index';
import { OPERATOR_KEY_HEADER } from '../../../infra/local/operator-key';
import { env, regions } from '../../support/emulators';
import type { PrivateRuntime } from '../../support/private-runtime';
import { rawItems, type RawItem } from '../ingest/support';
import type { Preset } from './model';

type StaffRole = 'admin' | 'legal' | 'manager' | 'advisor' | 'support';

export interface TenantHandle {
  tenantId: string;
  apiKey: string;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface Identifiers {
  email: string;
  phone: string;
  name: string;
}

const TOKEN_REUSE_MS = 30 * 60_000;
const FINAL = ['completed', 'cancelled', 'failed', 'incomplete'];

/** What the commands and invariants need of a system: the real one here, an in-memory twin later. */
export interface LifecyclePlatform {
  now(): number;
  setClock(instant: number): void;
  ingestChat(t: TenantHandle, who: Identifiers): Promise<Answer<{ interactionId: string }>>;
  appendMessage(t: TenantHandle, interactionId: string, text: string): Promise<Answer>;
  record(t: TenantHandle, interactionId: string, audio: string): Promise<Answer<{ recordingId?: string }>>;
  asStaff<T = Record<string, unknown>>(
    t: TenantHandle,
    path: string,
    method?: string,
    body?: unknown,
    role?: StaffRole,
  ): Promise<Answer<T>>;
  operatorCall<T = Record<string, unknown>>(path: string, method: string, body?: unknown): Promise<Answer<T>>;
  subjectRequest(t: TenantHandle, body: unknown): Promise<Answer<{ status: string; requestId: string }>>;
  untilEnded(t: TenantHandle, requestId: string): Promise<Answer<{ status: string; requestId: string }>>;
  sweep(t: TenantHandle): Promise<Answer<unknown>>;
  untilPackaged(t: TenantHandle): Promise<void>;
  backfillNamePrefixes(t: TenantHandle): Promise<Answer<NamePrefixBackfill>>;
  forgetNamePrefixes(t: TenantHandle, interactionId: string): Promise<number>;
  /** The stored items of one interaction (expiries are read from them). */
  partition(t: TenantHandle, interactionId: string): Promise<RawItem[]>;
}

export interface ApiRequest {
  method: string;
  body?: string;
  headers: Record<string, string>;
}

/**
 * How the platform reaches the handlers: over HTTP to a private runtime on the emulators
 * (httpGateway), or in this process to the same handlers on the in-memory twins (twin-system.ts).
 */
export interface Gateway {
  clock: { now(): Date; set(instant: Date): void };
  /** One API request; the answer's status, content type and body text. */
  request(path: string, init: ApiRequest): Promise<{ status: number; contentType?: string; text: string }>;
  /** A PUT of bytes to a presigned upload URL; its status. */
  upload(url: string, headers: Record<string, string>, bytes: Buffer): Promise<number>;
  operatorKey: string;
  /** Where the local token secret is read from (localAdminToken). */
  tokenEnv: NodeJS.ProcessEnv;
  /** The composition root a direct sweep (and a test's deletes from raw storage) runs on. */
  sweepContainer(): Container;
  /** Every item of a tenant in every region's records table (a scan: the test's, never Lethe's). */
  recordItems(tenantId: string): Promise<RawItem[]>;
  /** Resolves once the background jobs started so far have ended, or at once where they are only polled. */
  settled(): Promise<void>;
}

/** A private runtime's HTTP API on the emulators. */
export const httpGateway = (runtime: PrivateRuntime): Gateway => ({
  clock: runtime.clock,
  async request(path, init) {
    const res = await fetch(`${runtime.url}${path}`, init);
    return { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text: await res.text() };
  },
  async upload(url, headers, bytes) {
    return (await fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) })).status;
  },
  operatorKey: env('LETHE_OPERATOR_KEY'),
  tokenEnv: process.env,
  sweepContainer: () => buildContainer({ clock: runtime.clock }, parseRuntimeConfig(process.env)),
  settled: async () => undefined,
  recordItems: async (tenantId) =>
    (await Promise.all(regions().map((r) => rawItems(r, 'recordsTable', tenantId)))).flat(),
});

/**
 * The system under test as the model's commands see it: the real handlers behind the API of a
 * gateway with its own clock. Each method is one API call, or the few a channel makes for one
 * thing; answers are returned as they come, the commands judge them.
 */
export class LethePlatform implements LifecyclePlatform {
  constructor(private readonly gateway: Gateway) {}

  now(): number {
    return this.gateway.clock.now().getTime();
  }

  setClock(instant: number): void {
    this.gateway.clock.set(new Date(instant));
  }

  private async call<T>(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const res = await this.gateway.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const isJson = res.contentType?.includes('json');
    return { status: res.status, body: (isJson && res.text ? JSON.parse(res.text) : res.text) as T };
  }

  private operator = () => ({ [OPERATOR_KEY_HEADER]: this.gateway.operatorKey });

  /** Tokens by tenant and role, with the instant (runtime clock) they were signed as of. */
  private readonly tokens = new Map<string, { token: string; signedAt: number }>();

  /**
   * A staff token signed as of the runtime's clock (a token minted before a jump of months has
   * expired), reused while it has at least half of its hour left: signing is most of a call's cost
   * on the twins, and the invariants make many calls a step.
   */
  private async staff(t: TenantHandle, role: StaffRole = 'admin'): Promise<Record<string, string>> {
    const key = `${t.tenantId} ${role}`;
    const now = this.now();
    const kept = this.tokens.get(key);
    if (!kept || now < kept.signedAt || now - kept.signedAt > TOKEN_REUSE_MS) {
      const token = await localAdminToken(
        { tenant: t.tenantId, role, user: `${role}-1`, hours: '1', now: new Date(now).toISOString() },
        this.gateway.tokenEnv,
      );
      this.tokens.set(key, { token, signedAt: now });
    }
    return { authorization: `Bearer ${this.tokens.get(key)?.token}` };
  }

  async createTenant(preset: Preset): Promise<TenantHandle> {
    const res = await this.call<TenantHandle>('/v1/tenants', {
      body: { name: `Lifecycle ${preset}`, preset },
      headers: this.operator(),
    });
    if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { tenantId: res.body.tenantId, apiKey: res.body.apiKey };
  }

  channel<T = Record<string, unknown>>(t: TenantHandle, path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>(path, { body, headers: { 'x-api-key': t.apiKey } });
  }

  async asStaff<T = Record<string, unknown>>(
    t: TenantHandle,
    path: string,
    method = 'GET',
    body?: unknown,
    role: StaffRole = 'admin',
  ): Promise<Answer<T>> {
    return this.call<T>(path, { method, body, headers: await this.staff(t, role) });
  }

  operatorCall<T = Record<string, unknown>>(path: string, method: string, body?: unknown): Promise<Answer<T>> {
    return this.call<T>(path, { method, body, headers: this.operator() });
  }

  async ingestChat(t: TenantHandle, who: Identifiers): Promise<Answer<{ interactionId: string }>> {
    const gdpr = { granted: true, noticeVersion: 'v1' };
    return this.channel(t, '/v1/interactions', {
      channel: 'chat',
      startedAt: new Date(this.now()).toISOString(),
      queue: 'sales',
      participant: who,
      consent: { storeContent: true, recording: true, gdpr },
    });
  }

  appendMessage(t: TenantHandle, interactionId: string, text: string): Promise<Answer> {
    return this.channel(t, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: new Date(this.now()).toISOString(), text }],
    });
  }

  /** Issue, upload and complete one recording whose audio bytes are `audio`. */
  async record(t: TenantHandle, interactionId: string, audio: string): Promise<Answer<{ recordingId?: string }>> {
    const issued = await this.channel<{ recordingId: string; uploadUrl: string; headers: Record<string, string> }>(
      t,
      `/v1/interactions/${interactionId}/recording`,
      {
        contentType: 'audio/mpeg',
      },
    );
    if (issued.status !== 201 && issued.status !== 200) return issued;
    const put = await this.gateway.upload(issued.body.uploadUrl, issued.body.headers, Buffer.from(audio));
    if (put !== 200) throw new Error(`upload answered ${put}`);
    const done = await this.channel(
      t,
      `/v1/interactions/${interactionId}/recording/${issued.body.recordingId}/complete`,
      {},
    );
    return { status: done.status, body: { ...done.body, recordingId: issued.body.recordingId } };
  }

  /** Files a subject request as an admin and follows it to its end. */
  async subjectRequest(
    t: TenantHandle,
    body: unknown,
  ): Promise<
    Answer<{ status: string; requestId: string; download?: { url: string }; result?: Record<string, unknown> }>
  > {
    const filed = await this.asStaff<{ requestId: string; status: string }>(t, '/v1/subject-requests', 'POST', body);
    if (filed.status !== 202) return filed as Answer<never>;
    return this.untilEnded(t, filed.body.requestId);
  }

  /** Follows a subject request (filed, or re-applied by a hold's release) to its end. */
  async untilEnded(t: TenantHandle, requestId: string): Promise<Answer<{ status: string; requestId: string }>> {
    for (let tries = 0; tries < 600; tries++) {
      await this.gateway.settled();
      const view = await this.asStaff<{ status: string; requestId: string }>(t, `/v1/subject-requests/${requestId}`);
      if (view.status !== 200 || FINAL.includes(view.body.status)) return view;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`subject request ${requestId} did not end`);
  }

  /**
   * Runs the retention sweep of one tenant as of the runtime's clock, to its end, as the nightly
   * schedule does (a direct invocation: the operator route's 29 s API limit does not apply).
   */
  async sweep(t: TenantHandle): Promise<Answer<SweepRun>> {
    const run = await runSweep(this.gateway.sweepContainer(), {
      tenantId: t.tenantId,
      now: new Date(this.now()),
    });
    return { status: run.failures.length ? 500 : 200, body: run };
  }

  /** Waits until the offboarding package of a terminated tenant is no longer building. */
  async untilPackaged(t: TenantHandle): Promise<void> {
    for (let tries = 0; tries < 240; tries++) {
      await this.gateway.settled();
      const res = await this.operatorCall<{ package: { status: string } }>(
        `/v1/tenants/${t.tenantId}/termination`,
        'GET',
      );
      if (res.status === 200 && res.body.package.status !== 'building') return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the offboarding package was still building after 60 s');
  }

  /**
   * Runs the tenant's name-prefix backfill to the end of its pass through the operator route, as
   * `lethe tenant backfill-name-prefixes` does (tenant-backfill.ts): called again until `complete`.
   * The last answer, or the first that is not a 200.
   */
  async backfillNamePrefixes(t: TenantHandle): Promise<Answer<NamePrefixBackfill>> {
    for (;;) {
      const res = await this.operatorCall<NamePrefixBackfill>(`/v1/tenants/${t.tenantId}/name-prefix-backfill`, 'POST');
      if (res.status !== 200 || res.body.complete) return res;
    }
  }

  /**
   * Deletes one interaction's name-prefix entries straight from the records tables, as if it had
   * been stored before search by name start; the number deleted.
   */
  async forgetNamePrefixes(t: TenantHandle, interactionId: string): Promise<number> {
    const keys = (await this.partition(t, interactionId))
      .filter(isNamePrefixEntry)
      .map((i) => ({ pk: i.pk, sk: i.sk }));
    const { stores } = this.gateway.sweepContainer();
    await Promise.all(stores.regions.map((region) => stores.storesFor(region).records.deleteItems(keys)));
    return keys.length;
  }

  /** The items of one interaction in every region's records table. */
  async partition(t: TenantHandle, interactionId: string): Promise<RawItem[]> {
    const pk = `T#${t.tenantId}#I#${interactionId}`;
    await this.gateway.settled();
    return (await this.gateway.recordItems(t.tenantId)).filter((i) => i.pk === pk);
  }
}

/** Epoch ms of an item's expiry, held or not. */
export const expiryOf = (item: RawItem | undefined): number => {
  const seconds = (item?.expiresAt ?? item?.heldExpiresAt) as number | undefined;
  if (seconds === undefined) throw new Error(`no expiry on ${item?.pk} ${item?.sk}`);
  return seconds * 1000;
};
