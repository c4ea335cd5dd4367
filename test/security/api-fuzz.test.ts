import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { API_OPERATIONS } from '../../functions/shared/openapi/document';
import { authsOf, type ApiOperation } from '../../functions/shared/openapi/operation';
import { callApi } from '../support/api';
import { dynamoDbClient, homeNames, localNames, regions } from '../support/emulators';
import { converse, newTenant, type Tenant } from '../integration/admin/support';
import { localAdminToken } from '../../functions/cli/commands/token';

/**
 * A bounded API fuzzer: requests drawn from the OpenAPI document's operations, each with the
 * credential its route takes, path ids, query keys (documented ones, Object.prototype names,
 * anything) and bodies of arbitrary JSON. No answer may be a 5xx, and the tenant's stored items
 * must be exactly as before: arbitrary input is rejected without a half-write.
 * LETHE_FUZZ_REQUESTS sets the number of requests (default 2,000).
 */
const REQUESTS = Number(process.env.LETHE_FUZZ_REQUESTS ?? 2000);
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

let tenant: Tenant;
let adminToken: string;
let interactionId: string;

/** Every item of the tenant, in every records table and the directory, as sorted hashes of its content. */
async function storedItems(tenantId: string): Promise<string[]> {
  const tables = [
    ...regions().map((r) => ({ region: r, table: localNames(r).recordsTable })),
    { region: regions()[0], table: homeNames().directoryTable },
  ];
  const items: string[] = [];
  for (const { region, table } of tables) {
    let start: Record<string, never> | undefined;
    do {
      const page = await dynamoDbClient(region).send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? [])
        if (JSON.stringify(item.pk ?? item.gsi1pk ?? '').includes(tenantId))
          items.push(createHash('sha256').update(JSON.stringify(item)).digest('hex'));
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
  }
  return items.sort();
}

/** Operations that change nothing when refused, and refuse arbitrary bodies: the mutating ones (not the operator's tenant creation). */
const MUTATING = API_OPERATIONS.filter((op) => op.method !== 'get' && !authsOf(op).includes('iam'));
const READING = API_OPERATIONS.filter((op) => op.method === 'get' && !authsOf(op).includes('iam'));

/** Path ids: arbitrary text and Object.prototype names; reads also the tenant's real interaction (a mutation of it could succeed). */
const pathId = (real: boolean) =>
  fc.oneof(
    ...(real ? [fc.constant(() => interactionId)] : []),
    fc.string({ maxLength: 40 }).map((s) => () => s),
    fc.constantFrom(...PROTOTYPE_NAMES).map((s) => () => s),
  );
const queryOf = (op: ApiOperation) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...(op.query ?? []).map((q) => q.name), ...PROTOTYPE_NAMES), fc.string({ maxLength: 20 })),
    fc.string({ maxLength: 60 }),
    { maxKeys: 4 },
  );
const requestOf = (ops: readonly ApiOperation[], realIds: boolean) =>
  fc.constantFrom(...ops).chain((op) =>
    fc.record({
      op: fc.constant(op),
      ids: fc.array(pathId(realIds), { minLength: 4, maxLength: 4 }),
      query: queryOf(op),
      body: fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 })),
    }),
  );

/** Sends one fuzzed request with the credential its route takes; returns the status. */
async function send({
  op,
  ids,
  query,
  body,
}: {
  op: ApiOperation;
  ids: Array<() => string>;
  query: Record<string, string>;
  body: string;
}): Promise<number> {
  let i = 0;
  const path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent(ids[i++]()));
  const search = new URLSearchParams(Object.entries(query)).toString();
  const auth = authsOf(op);
  const headers: Record<string, string> = auth.includes('admin')
    ? { authorization: `Bearer ${adminToken}` }
    : auth.includes('apiKey')
      ? { 'x-api-key': tenant.apiKey }
      : {};
  const res = await callApi(`${path}${search ? `?${search}` : ''}`, {
    method: op.method.toUpperCase(),
    headers: { ...headers, 'content-type': 'application/json' },
    ...(op.method === 'get' ? {} : { body }),
  });
  return res.status;
}

beforeAll(async () => {
  tenant = await newTenant('puzzel', 'Fuzzed');
  adminToken = await localAdminToken(
    { tenant: tenant.tenantId, role: 'admin', user: 'u-fuzz', hours: '12' },
    process.env,
  );
  ({ interactionId } = await converse(tenant, { group: 'sales', agent: 'agent-1', messages: ['hello'] }));
}, 120_000);

describe(`the API under ${REQUESTS} fuzzed requests`, () => {
  const statuses = new Map<number, number>();
  const sendCounted = async (request: Parameters<typeof send>[0]) => {
    const status = await send(request);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return status;
  };
  const seed = Number(process.env.LETHE_FUZZ_SEED ?? Date.now() % 2 ** 31);

  it(
    'refuses arbitrary mutations with a 4xx, never a 5xx, and leaves the tenant’s storage exactly as it was',
    async () => {
      // Prepare
      const before = await storedItems(tenant.tenantId);
      // Act
      await fc.assert(
        fc.asyncProperty(requestOf(MUTATING, false), async (request) => {
          const status = await sendCounted(request);
          return status >= 400 && status < 500;
        }),
        { numRuns: Math.ceil(REQUESTS * 0.75), seed },
      );
      // Assess
      expect(await storedItems(tenant.tenantId)).toEqual(before);
    },
    30 * 60_000,
  );

  it(
    'answers arbitrary reads without a 5xx',
    async () => {
      // Act
      await fc.assert(
        fc.asyncProperty(requestOf(READING, true), async (request) => (await sendCounted(request)) < 500),
        { numRuns: Math.floor(REQUESTS * 0.25), seed },
      );
      // Assess
      expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    },
    30 * 60_000,
  );
});
