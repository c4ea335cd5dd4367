import { conflict, validationFailed } from '../../domain/errors';
import { idempotencyKeyHash, requestFingerprint } from '../../domain/ingest/idempotency';
import { IdempotencyKeySchema } from '../../domain/ingest/schemas';
import type { RecordStore, StoredItem, WriteOperation } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import type { IngestDeps, IngestResult } from './deps';
import { regionsOfTenantData, type TenantContext } from './tenant-context';

/** How long a key is remembered: retries come within minutes; a day is generous. */
const KEY_TTL_SECONDS = 24 * 3600;

/** What a channel asks for: the key it sent (if any), the route and the body it is bound to. */
export interface IdempotentRequest {
  key?: string;
  route: string;
  body: unknown;
}

const keyOf = (tenantId: string, keyHash: string) => ({ pk: `T#${tenantId}#IDEM#${keyHash}`, sk: 'IDEM' });

/**
 * `Idempotency-Key` handling. The result of a keyed request is stored IN THE SAME TRANSACTION as
 * the records it wrote (item `T#<t>#IDEM#<sha256 of key>`), so a request is either applied and
 * remembered, or neither: a retry after any failure is safe. A retry with the same key and body
 * gets the stored answer and writes nothing; the same key with another body is a 409.
 */
export class IdempotencyGuard {
  private constructor(
    private readonly tenantId: string,
    private readonly keyHash: string,
    private readonly fingerprint: string,
    private readonly now: Date,
  ) {}

  /**
   * Looks the key up in every region the tenant's policy revisions put records in (a request is
   * remembered where its records went, which an edited policy may have moved since), never in a
   * region that holds nothing of the tenant's. Returns the earlier answer to replay, or the guard
   * for a new write.
   */
  static async begin(
    deps: Pick<IngestDeps, 'stores' | 'clock'>,
    tenant: TenantContext,
    request: IdempotentRequest,
  ): Promise<{ replay?: IngestResult<unknown>; guard?: IdempotencyGuard }> {
    if (request.key === undefined) return {};
    const parsed = IdempotencyKeySchema.safeParse(request.key);
    if (!parsed.success)
      throw validationFailed(
        [{ path: 'Idempotency-Key', message: parsed.error.issues[0].message }],
        'The Idempotency-Key header is not valid.',
      );
    const key = parsed.data;
    const guard = new IdempotencyGuard(
      tenant.tenantId,
      idempotencyKeyHash(key),
      requestFingerprint(request.route, request.body),
      deps.clock.now(),
    );
    const found = await Promise.all(
      regionsOfTenantData(tenant, deps.stores.regions).map((r) =>
        deps.stores.storesFor(r).records.get(keyOf(tenant.tenantId, guard.keyHash), { consistent: true }),
      ),
    );
    const earlier = found.find((item) => item && !guard.expired(item));
    return earlier ? { replay: guard.replayOf(earlier) } : { guard };
  }

  /** The write that remembers `result`; it fails if another request took the key meanwhile. */
  remember(result: { status: number; body: unknown }): WriteOperation {
    const nowSeconds = Math.floor(this.now.getTime() / 1000);
    return {
      kind: 'put',
      item: {
        ...keyOf(this.tenantId, this.keyHash),
        tenantId: this.tenantId,
        fingerprint: this.fingerprint,
        status: result.status,
        response: result.body,
        createdAt: this.now.toISOString(),
        expiresAt: nowSeconds + KEY_TTL_SECONDS,
      },
      condition: { kind: 'absentOrExpired', now: nowSeconds },
    };
  }

  /** Another request with the same key won the race: answer as it did (or 409 for another body). */
  async settle(store: RecordStore, lost: WriteConflict): Promise<IngestResult<unknown>> {
    const winner =
      (lost.existing as StoredItem | undefined) ??
      (await store.get(keyOf(this.tenantId, this.keyHash), { consistent: true }));
    if (!winner) throw lost;
    return this.replayOf(winner);
  }

  private expired(item: StoredItem): boolean {
    return (item.expiresAt as number) <= Math.floor(this.now.getTime() / 1000);
  }

  private replayOf(item: StoredItem): IngestResult<unknown> {
    if (item.fingerprint !== this.fingerprint)
      throw conflict('This Idempotency-Key was already used with another request; use a new key for a new request.');
    return { status: item.status as number, body: item.response, replayed: true };
  }
}

/**
 * Writes `operations` all or nothing in `store`, remembering `result` under the request's key in
 * the same transaction. A lost race on the key returns the winner's answer.
 */
export async function commitOnce<T>(
  store: RecordStore,
  operations: readonly WriteOperation[],
  guard: IdempotencyGuard | undefined,
  result: { status: number; body: T },
): Promise<IngestResult<T>> {
  const all = guard ? [...operations, guard.remember(result)] : operations;
  try {
    await store.transactWrite(all);
    return { ...result, replayed: false };
  } catch (error) {
    if (guard && error instanceof WriteConflict && error.index === all.length - 1)
      return (await guard.settle(store, error)) as IngestResult<T>;
    throw error;
  }
}
