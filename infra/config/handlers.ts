import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The one list of Lambda functions Lethe deploys and what triggers each. The control stack builds
 * every function, API route, schedule and IAM grant from this list, so adding a handler is adding
 * an entry here. List only handlers whose file exists: synth checks it.
 */

/** none: public; tenant: the shared Lambda authorizer (API key or admin JWT); iam: SigV4, operators only. */
export type RouteAuth = 'none' | 'tenant' | 'iam';
/**
 * The one credential a handler's `tenant` routes take: `x-api-key` (ingest channels) or
 * `Authorization: Bearer` (admin users). API Gateway caches the authorizer's decision keyed on
 * that header (infra/constructs/lethe-api.ts); a handler taking either is authorised afresh each time.
 */
export type TenantCredential = 'api-key' | 'admin-token';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** Full path including the version, e.g. `/v1/tenants/{tenantId}`; the stage adds nothing. */
  // The console's static files (functions/handlers/console-assets.ts) are the one unversioned path.
  path: `/v1/${string}` | '/console' | '/console/{proxy+}';
  auth: RouteAuth;
}

/**
 * Schedules come from the deployment config (`sweepCron`), so a handler names one instead of a cron.
 * `wake-queued`: every 15 minutes with the event `{ "kind": "wake-queued" }` (subject requests that
 * wait too long, domain/subject-requests/wake.ts).
 */
export type ScheduleName = 'sweep' | 'wake-queued';

/**
 * How Lambda handles this function's asynchronous invocations (the JobRunner's, a schedule's):
 * retries after an error, how long an event may wait to run, and then the failed-invocations queue
 * (infra/constructs/failed-invocations-queue.ts) instead of silence.
 */
export interface AsyncInvocationSpec {
  retryAttempts: 0 | 1 | 2;
  maxEventAgeSeconds: number;
}

/**
 * What a function may touch, the only source of its IAM permissions. `r` reads, `rw` reads and
 * writes; `content:tag` and `archive:tag` may only set the tags of existing objects (the lifecycle
 * backstop tag a legal hold sets and clears), never read, write or delete one. Regional resources
 * are granted in every configured region; directory and exports live in the home region only.
 * `litigation:write` may seal batches but never read them back;
 * `litigation:destroy` may delete every version of a batch whose Object Lock retention ended;
 * `kms:data` may generate, wrap and unwrap data keys under the regional data CMKs;
 * `jobs:invoke` may start subject-request jobs: invoke the worker function (and no other), whose
 * name it gets as LETHE_SUBJECT_REQUEST_WORKER; `offboarding:invoke` may start offboarding package
 * builds: invoke the offboarding function (and no other), named by LETHE_OFFBOARDING_FUNCTION.
 */
/** `scan`: read a whole regional table (DynamoDB Scan); only the offboarding purge needs it (functions/ports/tenant-scan.ts). */
export type TableAccess =
  | `${'records' | 'keys' | 'aggregates' | 'directory'}:${'r' | 'rw'}`
  | `${'records' | 'keys' | 'aggregates'}:scan`;
export type BucketAccess = `${'content' | 'archive' | 'exports'}:${'r' | 'rw'}` | `${'content' | 'archive'}:tag`;
export type InvokeAccess = 'jobs:invoke' | 'offboarding:invoke';
/** `staff:manage`: the Cognito admin operations on the staff user pool that the user directory calls (functions/adapters/cognito). */
export type Access =
  | TableAccess
  | BucketAccess
  | 'litigation:write'
  | 'litigation:destroy'
  | 'kms:data'
  | InvokeAccess
  | 'staff:manage';

/** The handler that runs subject-request jobs; `jobs:invoke` lets a function start it. */
export const SUBJECT_REQUEST_WORKER = 'subject-request-worker';
/** The handler that terminates tenants and builds their export packages; `offboarding:invoke` lets a function (itself) start a build. */
export const OFFBOARDING = 'offboarding-api';

/** The one function each invoke access reaches, and the environment variable that gives it its name. */
export const INVOKE_TARGETS: Record<InvokeAccess, { handler: string; variable: string }> = {
  'jobs:invoke': { handler: SUBJECT_REQUEST_WORKER, variable: 'LETHE_SUBJECT_REQUEST_WORKER' },
  'offboarding:invoke': { handler: OFFBOARDING, variable: 'LETHE_OFFBOARDING_FUNCTION' },
};

/**
 * The physical name of a handler's function. Deterministic, so a grant or an environment variable
 * can name a function without referencing its construct (see `jobs:invoke` in access-grants.ts).
 */
export const functionNameOf = (app: string, handlerName: string): string => `${app}-${handlerName}`;

export interface HandlerSpec {
  /** kebab-case; becomes the function name `<app>-<name>` and its log group. */
  name: string;
  /** Module relative to the repository root; it exports `handler`. */
  entry: string;
  routes?: readonly RouteSpec[];
  schedule?: ScheduleName;
  /** This function is the API's tenant authorizer (at most one entry). */
  authorizer?: true;
  /** Invoked directly (an operator from the Lambda console, or asynchronously by another function), without a route. */
  direct?: true;
  asyncInvocation?: AsyncInvocationSpec;
  /** Set when every `tenant` route of this handler takes this credential only (its code refuses the other): decisions are then cached. */
  tenantCredential?: TenantCredential;
  access: readonly Access[];
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Folders (relative to the repository root) copied next to the bundle, for files the handler reads at run time. */
  bundleFolders?: readonly string[];
}

/**
 * What running a subject request touches. The API needs it too: cancelling a request that has not
 * started finishes it in place (verification re-scan, certificate), and it starts the worker.
 */
const SUBJECT_REQUEST_ACCESS: Access[] = [
  'records:rw',
  'keys:rw',
  'content:rw',
  'archive:rw',
  'exports:rw',
  'directory:rw',
  'kms:data',
  'jobs:invoke',
];

/** The function that serves the console; the control stack gives it the sign-in settings. */
export const CONSOLE_ASSETS_FUNCTION = 'console-assets';

export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'meta-api',
    entry: 'functions/handlers/meta-api.ts',
    routes: [{ method: 'GET', path: '/v1/health', auth: 'none' }],
    access: [],
  },
  {
    name: CONSOLE_ASSETS_FUNCTION,
    entry: 'functions/handlers/console-assets.ts',
    routes: [
      { method: 'GET', path: '/console', auth: 'none' },
      { method: 'GET', path: '/console/{proxy+}', auth: 'none' },
    ],
    access: [],
    bundleFolders: ['console'],
  },
  {
    name: 'authorizer',
    entry: 'functions/handlers/authorizer.ts',
    authorizer: true,
    access: ['directory:r'],
  },
  {
    name: 'operator-api',
    entry: 'functions/handlers/operator-api.ts',
    routes: [{ method: 'POST', path: '/v1/tenants', auth: 'iam' }],
    access: ['directory:rw', 'kms:data'],
  },
  {
    name: 'ingest-api',
    entry: 'functions/handlers/ingest-api.ts',
    tenantCredential: 'api-key',
    routes: [
      { method: 'POST', path: '/v1/interactions', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/{id}/messages', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/{id}/end', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/{id}/recording', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/{id}/recording/{recordingId}/complete', auth: 'tenant' },
      { method: 'POST', path: '/v1/events', auth: 'tenant' },
      { method: 'POST', path: '/v1/surveys', auth: 'tenant' },
      { method: 'POST', path: '/v1/consents', auth: 'tenant' },
      { method: 'GET', path: '/v1/consents/standing', auth: 'tenant' },
    ],
    // directory:rw: consents and objections keep the subject's standing markers there.
    access: ['records:rw', 'keys:rw', 'aggregates:rw', 'content:rw', 'directory:rw', 'kms:data'],
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    name: 'readback-api',
    entry: 'functions/handlers/readback-api.ts',
    // GET /v1/interactions/{id}, …/transcript and /v1/kpis moved to admin-api, which serves them with roles.
    routes: [{ method: 'GET', path: '/v1/openapi.json', auth: 'none' }],
    access: [],
  },
  {
    // The archive API of docs/admin-api.md: every route decided by functions/domain/access.
    name: 'admin-api',
    entry: 'functions/handlers/admin-api.ts',
    tenantCredential: 'admin-token',
    routes: [
      { method: 'GET', path: '/v1/me', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/export', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/bulk-download', auth: 'tenant' },
      { method: 'POST', path: '/v1/interactions/bulk-delete', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/content', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/surveys', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/transcript', auth: 'tenant' },
      { method: 'DELETE', path: '/v1/interactions/{id}/transcript', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/recordings/{recordingId}/play', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/recordings/{recordingId}/download', auth: 'tenant' },
      { method: 'DELETE', path: '/v1/interactions/{id}/recordings/{recordingId}', auth: 'tenant' },
      { method: 'GET', path: '/v1/kpis', auth: 'tenant' },
      { method: 'GET', path: '/v1/privacy-kpis', auth: 'tenant' },
      { method: 'GET', path: '/v1/policy', auth: 'tenant' },
      { method: 'PUT', path: '/v1/policy', auth: 'tenant' },
      { method: 'POST', path: '/v1/policy/diff', auth: 'tenant' },
      { method: 'GET', path: '/v1/policy/revisions', auth: 'tenant' },
      { method: 'POST', path: '/v1/recipient-secrets', auth: 'tenant' },
      { method: 'GET', path: '/v1/register', auth: 'tenant' },
      { method: 'GET', path: '/v1/audit', auth: 'tenant' },
      { method: 'GET', path: '/v1/sweep-history', auth: 'tenant' },
      { method: 'GET', path: '/v1/consents', auth: 'tenant' },
      { method: 'GET', path: '/v1/interactions/{id}/consents', auth: 'tenant' },
      { method: 'GET', path: '/v1/chatbot-events', auth: 'tenant' },
      { method: 'GET', path: '/v1/chatbot-events/{id}', auth: 'tenant' },
    ],
    access: ['records:rw', 'keys:r', 'aggregates:r', 'content:rw', 'exports:rw', 'directory:rw', 'kms:data'],
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    // Staff profiles in the Cognito user pool; the only function with Cognito admin rights. records/directory/kms: the audit log.
    name: 'staff-api',
    entry: 'functions/handlers/staff-api.ts',
    tenantCredential: 'admin-token',
    routes: [
      { method: 'GET', path: '/v1/staff', auth: 'tenant' },
      { method: 'POST', path: '/v1/staff', auth: 'tenant' },
      { method: 'PUT', path: '/v1/staff/{userId}/role', auth: 'tenant' },
      { method: 'POST', path: '/v1/staff/{userId}/disable', auth: 'tenant' },
      { method: 'DELETE', path: '/v1/staff/{userId}', auth: 'tenant' },
    ],
    access: ['records:rw', 'directory:rw', 'kms:data', 'staff:manage'],
    timeoutSeconds: 29,
  },
  {
    // Starts the jobs it files through the JobRunner of functions/shared/subject-requests-wiring.ts.
    name: 'subject-requests-api',
    entry: 'functions/handlers/subject-requests-api.ts',
    routes: [
      { method: 'POST', path: '/v1/subject-requests', auth: 'tenant' },
      { method: 'GET', path: '/v1/subject-requests', auth: 'tenant' },
      { method: 'GET', path: '/v1/subject-requests/{requestId}', auth: 'tenant' },
      { method: 'DELETE', path: '/v1/subject-requests/{requestId}', auth: 'tenant' },
      { method: 'POST', path: '/v1/subject-requests/{requestId}/confirm', auth: 'tenant' },
      { method: 'POST', path: '/v1/subject-requests/{requestId}/extension', auth: 'tenant' },
    ],
    access: SUBJECT_REQUEST_ACCESS,
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    // Runs the request of its invocation; starts the queued request it wakes in an invocation of its own.
    name: SUBJECT_REQUEST_WORKER,
    entry: 'functions/handlers/subject-request-worker.ts',
    direct: true,
    schedule: 'wake-queued',
    // The event age equals QUEUED_STALE_AFTER_SECONDS (functions/domain/subject-requests/wake.ts): past it, the wake-up takes over.
    asyncInvocation: { retryAttempts: 2, maxEventAgeSeconds: 900 },
    access: SUBJECT_REQUEST_ACCESS,
    memoryMb: 1024,
    timeoutSeconds: 900,
  },
  {
    // Retention engine (issue 4): the nightly sweep, and `lethe sweep` through the operator route;
    // the records' other maintenance too: `lethe tenant backfill-name-prefixes`.
    name: 'retention-sweep',
    entry: 'functions/handlers/retention-sweep.ts',
    routes: [
      { method: 'POST', path: '/v1/sweeps', auth: 'iam' },
      { method: 'POST', path: '/v1/tenants/{tenantId}/name-prefix-backfill', auth: 'iam' },
    ],
    schedule: 'sweep',
    // The sweep resumes from its checkpoints, so a retry is safe; a night that keeps failing ends in the failed-invocations queue.
    asyncInvocation: { retryAttempts: 2, maxEventAgeSeconds: 21_600 },
    // scan: the offboarding purge reaches, and counts, a terminated tenant's every item. exports: it deletes the tenant's packages; retention deletes derived copies.
    access: [
      'records:rw',
      'keys:rw',
      'aggregates:rw',
      'records:scan',
      'keys:scan',
      'aggregates:scan',
      'content:rw',
      'archive:rw',
      'exports:rw',
      'directory:rw',
      'kms:data',
      'litigation:write',
      'litigation:destroy',
    ],
    memoryMb: 1024,
    timeoutSeconds: 900,
  },
  {
    name: 'holds-api',
    entry: 'functions/handlers/holds-api.ts',
    tenantCredential: 'admin-token',
    routes: [
      { method: 'POST', path: '/v1/holds', auth: 'tenant' },
      { method: 'GET', path: '/v1/holds', auth: 'tenant' },
      { method: 'POST', path: '/v1/holds/{holdId}/release', auth: 'tenant' },
    ],
    // jobs:invoke: releasing a hold starts the erasures it postponed. content/archive: placing and releasing a hold re-tags the held objects, nothing more.
    access: ['records:rw', 'directory:rw', 'kms:data', 'jobs:invoke', 'content:tag', 'archive:tag'],
    timeoutSeconds: 29,
  },
  {
    name: 'litigation-api',
    entry: 'functions/handlers/litigation-api.ts',
    tenantCredential: 'admin-token',
    routes: [
      { method: 'GET', path: '/v1/litigation/batches', auth: 'tenant' },
      { method: 'POST', path: '/v1/litigation/batches/{batchId}/retrievals', auth: 'tenant' },
    ],
    access: ['records:rw', 'directory:r', 'kms:data'],
  },
  {
    name: 'archive-api',
    entry: 'functions/handlers/archive-api.ts',
    tenantCredential: 'admin-token',
    routes: [
      { method: 'GET', path: '/v1/archive/{class}', auth: 'tenant' },
      { method: 'GET', path: '/v1/archive/{class}/months', auth: 'tenant' },
    ],
    access: ['archive:r', 'records:rw', 'keys:r', 'directory:r', 'kms:data'],
    timeoutSeconds: 29,
  },
  {
    // Tenant offboarding (issue 4): `lethe tenant terminate`; the purge itself runs in the sweep.
    // The routes answer at once; the export package is built in a direct invocation of this same
    // function (offboarding:invoke), which may take up to the 15 minutes of the timeout. The API
    // Gateway integration still cuts a route off at 29 s whatever this timeout says.
    name: OFFBOARDING,
    entry: 'functions/handlers/offboarding-api.ts',
    routes: [
      { method: 'POST', path: '/v1/tenants/{tenantId}/termination', auth: 'iam' },
      { method: 'GET', path: '/v1/tenants/{tenantId}/termination', auth: 'iam' },
    ],
    direct: true,
    asyncInvocation: { retryAttempts: 2, maxEventAgeSeconds: 3600 },
    access: [
      'records:rw',
      'keys:r',
      'aggregates:r',
      'content:r',
      'archive:r',
      'directory:rw',
      'exports:rw',
      'kms:data',
      'offboarding:invoke',
    ],
    // The package is still assembled in memory (see usecases/offboarding/export-package.ts).
    memoryMb: 3008,
    timeoutSeconds: 900,
  },
];

/** Stops synth with every mistake in the registry named, before CDK fails somewhere less clear. */
export function validateHandlers(handlers: readonly HandlerSpec[], projectRoot: string): void {
  const problems: string[] = [];
  const names = new Set<string>();
  const routes = new Set<string>();
  const authorizers = handlers.filter((h) => h.authorizer);
  for (const h of handlers) {
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(h.name)) problems.push(`${h.name}: name must be kebab-case`);
    if (names.has(h.name)) problems.push(`${h.name}: name is used twice`);
    names.add(h.name);
    if (!existsSync(join(projectRoot, h.entry))) problems.push(`${h.name}: entry ${h.entry} does not exist`);
    for (const folder of h.bundleFolders ?? [])
      if (!/^[a-z0-9][a-z0-9_/-]*$/.test(folder) || !existsSync(join(projectRoot, folder, '.')))
        problems.push(`${h.name}: bundle folder ${folder} is not a plain folder of the repository`);
    if (!h.routes?.length && !h.schedule && !h.authorizer && !h.direct)
      problems.push(`${h.name}: has no route, schedule or authorizer role`);
    if (h.authorizer && (h.routes?.length || h.schedule))
      problems.push(`${h.name}: the authorizer serves no routes or schedules`);
    if (
      h.asyncInvocation &&
      !(h.asyncInvocation.maxEventAgeSeconds >= 60 && h.asyncInvocation.maxEventAgeSeconds <= 21_600)
    )
      problems.push(`${h.name}: asyncInvocation.maxEventAgeSeconds must be between 60 and 21600 (Lambda's bounds)`);
    for (const r of h.routes ?? []) {
      const key = `${r.method} ${r.path}`;
      if (routes.has(key)) problems.push(`${h.name}: route ${key} is served twice`);
      routes.add(key);
      if (r.auth === 'tenant' && authorizers.length === 0)
        problems.push(`${h.name}: route ${key} needs the tenant authorizer, but no handler has authorizer: true`);
    }
    if (h.tenantCredential && !h.routes?.some((r) => r.auth === 'tenant'))
      problems.push(`${h.name}: tenantCredential needs a tenant route`);
  }
  for (const [access, target] of Object.entries(INVOKE_TARGETS)) {
    const invoked = handlers.find((h) => h.name === target.handler);
    for (const h of handlers.filter((x) => x.access.includes(access as InvokeAccess)))
      if (!invoked?.direct)
        problems.push(`${h.name}: ${access} needs the ${target.handler} handler, invoked directly (direct: true)`);
  }
  if (authorizers.length > 1)
    problems.push(`only one handler may be the authorizer (${authorizers.map((a) => a.name).join(', ')})`);
  if (problems.length) throw new Error(`infra/config/handlers.ts is not valid:\n  - ${problems.join('\n  - ')}`);
}
