import { SweepRequestSchema } from '../../domain/sweep/sweep-request';
import { TALLY_COLUMNS } from '../../domain/sweep/summary';
import { CreateTenantSchema } from '../../usecases/tenants/create-tenant';
import type { ApiOperation } from './operation';

/** Routes for the platform's operators (IAM-signed in AWS) and for uptime checks. */
export const OPERATOR_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/health',
    summary: 'Liveness and version; touches no store.',
    auth: 'none',
    ok: { status: 200, description: '{status: "ok", version}' },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/tenants',
    summary:
      'Open a tenant from a policy preset (`lethe tenant create`): its id, its first API key (shown only now), and how to give it its first administrator.',
    auth: 'iam',
    body: CreateTenantSchema,
    ok: { status: 201, description: '{tenantId, apiKey, adminToken (locally) | adminSetup (in AWS)}' },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/tenants/{tenantId}/name-prefix-backfill',
    summary:
      "After upgrading to search by name start: file the name-prefix entries of the tenant's interactions stored before it, in every region (`lethe tenant backfill-name-prefixes`). Each call goes on from where the last one stopped and answers within the API's time limit; call again until `complete`; a call after a complete pass starts a new one, which writes nothing already there. Counts only: scanned, backfilled, entriesWritten, upToDate, skipped by reason.",
    auth: 'iam',
    ok: { status: 200, description: '{tenantId, startedAt, complete, counts}' },
    errors: { 404: 'unknown tenant', 409: 'CONFLICT: the tenant is terminated' },
  },
  {
    method: 'post',
    path: '/v1/tenants/{tenantId}/termination',
    summary:
      "End a tenant's contract (`lethe tenant terminate`): API keys revoked, deletion of all its data scheduled after the policy's grace, and an export package of everything it holds built in the background (GET the termination for its short-lived link once ready).",
    auth: 'iam',
    ok: {
      status: 202,
      description:
        'the termination: its dates, and the package `building` (or `failed` when the build could not be started)',
    },
    errors: { 404: 'unknown tenant', 409: "CONFLICT: the tenant's purge has begun or is done" },
  },
  {
    method: 'get',
    path: '/v1/tenants/{tenantId}/termination',
    summary:
      'Where a termination stands: the package `building`, `ready` (with a fresh short-lived link) or `failed` (with the reason); once purged, the final report showing zero records left.',
    auth: 'iam',
    ok: { status: 200, description: 'the termination' },
    errors: { 404: 'the tenant was never terminated' },
  },
  {
    method: 'post',
    path: '/v1/sweeps',
    summary: `Run the retention sweep now (\`lethe sweep\`), for one tenant or all, as a dry run or as of another instant. Answers within the API's time limit; call again with \`after\` = nextUnit until complete. Rows per tenant × class × region: ${TALLY_COLUMNS.join(', ')}.`,
    auth: 'iam',
    body: SweepRequestSchema,
    ok: { status: 200, description: 'the sweep report' },
    errors: {},
  },
];
