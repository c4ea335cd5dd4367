import { conflict, LetheError } from '../../domain/errors';
import { contentRefusal } from '../../domain/ingest/consent';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { MessagesAppended } from '../../domain/ingest/responses';
import { AppendMessagesSchema, type MessageInput } from '../../domain/ingest/schemas';
import { storableMessage, type StorableMessage } from '../../domain/ingest/storable-message';
import { regionFor } from '../../domain/residency/region-for';
import type { RecordStore, WriteOperation } from '../../ports/record-store';
import { CONTENT_PURPOSES, refusalsFor } from './consent-standing';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { interactionIdOf } from './interaction-id';
import { infoKey } from '../../domain/record-keys';
import { locateTenantInteraction, type LocatedInteraction } from './interaction-info';
import { knownIdentifiersOf, subjectHmacsOf } from './participant';
import { recordMeta, recordTime, sealedItem } from '../records/record-items';
import { ingestTenant, type TenantContext } from './tenant-context';
import { restrictionMark } from '../subject-markers/restriction-markers';
import { HELD_EXPIRY, heldWrites, isHeldItem } from '../records/held-expiry';
import { WriteConflict } from '../../ports/write-conflict';

/** Sort key of a chat-log line: by time, then by its order within the interaction. */
export const messageSortKey = (at: string, seq: number) => `MSG#${at}#${String(seq).padStart(6, '0')}`;

/**
 * POST /v1/interactions/{id}/messages. Nothing is stored when content may not be (opt-out,
 * opt-in not given, consent withdrawn since, even mid-conversation); otherwise each message is
 * reduced to what may be kept (hidden fields, masked digits and e-mail bodies dropped; text
 * redacted with the participant's own identifiers) and sealed, in the transcript's region.
 * Once the interaction has ended its transcript is closed: 409 `ENDED`. A late line would be
 * written after /end moved the call to its final region and after its counters and retention
 * were settled, and no channel needs it (a replay of a request made before the end still answers
 * as it did, from the idempotency record).
 */
export async function appendMessages(
  deps: IngestDeps,
  tenantId: string,
  rawId: string | undefined,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<MessagesAppended>> {
  const interactionId = interactionIdOf(rawId);
  const input = parseIngestRequest(AppendMessagesSchema, request.body, 'The messages');
  const tenant = await ingestTenant(deps, tenantId);
  const route = `POST /v1/interactions/${interactionId}/messages`;
  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route,
    body: request.body,
  });
  if (replay) return replay as IngestResult<MessagesAppended>;

  const locate = () => locateTenantInteraction(deps, tenant, interactionId);
  let located = await locate();
  const { withdrawn, objected } = await refusalsFor(
    deps,
    tenant,
    await subjectHmacsOf(deps, located),
    CONTENT_PURPOSES,
  );
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendTo(deps, tenant, located, input.messages, { withdrawn, objected }, guard);
    } catch (error) {
      // Another append (or a hold, or /end) changed the interaction since it was read: read it again.
      if (!(error instanceof WriteConflict && error.index === 0)) throw error;
      if (attempt === MAX_ATTEMPTS)
        throw conflict(
          `Interaction ${interactionId} kept changing while these messages were appended; send them again.`,
        );
      located = await locate();
    }
  }
}

/** Appends racing on one interaction each take their turn; this many lost races in a row is a 409. */
const MAX_ATTEMPTS = 5;

async function appendTo(
  deps: IngestDeps,
  tenant: TenantContext,
  located: LocatedInteraction,
  messages: readonly MessageInput[],
  refusals: { withdrawn: Set<string>; objected: Set<string> },
  guard: IdempotencyGuard | undefined,
): Promise<IngestResult<MessagesAppended>> {
  const { info } = located;
  const { tenantId } = tenant;
  const { interactionId } = info;
  if (info.endedAt !== undefined)
    throw new LetheError('ENDED', `Interaction ${interactionId} ended at ${info.endedAt}: it takes no more messages.`);
  const channel = tenant.policy.channels[info.channel];
  const refused = contentRefusal(channel, info.consent, refusals.withdrawn, refusals.objected);
  const answer = (stored: number): { status: number; body: MessagesAppended } => ({
    status: 201,
    body: { interactionId, accepted: messages.length, stored, ...(refused ? { contentRefused: refused } : {}) },
  });
  const infoStore = deps.stores.storesFor(located.region).records;
  if (refused) {
    if (info.contentRefused !== refused)
      await infoStore.update(
        infoKey(tenantId, interactionId),
        { set: { contentRefused: refused } },
        { kind: 'present' },
      );
    return commitOnce(infoStore, [], guard, answer(0));
  }

  const known = await knownIdentifiersOf(deps, located);
  const storable = messages
    .map((m) => storableMessage(m, channel, tenant.redactor, known))
    .filter((m): m is StorableMessage => m !== undefined);
  if (!storable.length) return commitOnce(infoStore, [], guard, answer(0));

  const region = regionFor(tenant.policy, 'transcript', info.channel, info.phase);
  const { firstSeq, claim } = await sequenceOf(infoStore, located, region, storable.length);
  const operations = await Promise.all(
    storable.map((m, i) => messagePut(deps, tenant, located, region, m, firstSeq + i)),
  );
  // A held interaction's new messages are held from the start.
  return commitOnce(
    deps.stores.storesFor(region).records,
    [...claim, ...heldWrites(operations, isHeldItem(located.item))],
    guard,
    answer(storable.length),
  );
}

/**
 * The sequence numbers of `count` new messages. Where the transcript lives with the general info
 * (the usual case), they are claimed in the messages' own transaction (`claim`, its first
 * operation): it commits only while the general info is as read (same count, same hold standing,
 * not ended or moved), so a race is a WriteConflict at index 0 and the append reads it again.
 * Otherwise they are reserved first: a failed write below leaves a gap, never a duplicate.
 */
async function sequenceOf(
  infoStore: RecordStore,
  located: LocatedInteraction,
  region: string,
  count: number,
): Promise<{ firstSeq: number; claim: WriteOperation[] }> {
  const key = { pk: located.item.pk, sk: located.item.sk };
  const { messageCount } = located.item;
  if (region === located.region && typeof messageCount === 'number') {
    // The hold standing is where the expiry is: `heldExpiresAt` while held, `expiresAt` otherwise.
    const watched = ['messageCount', 'phase', 'ended', isHeldItem(located.item) ? HELD_EXPIRY : 'expiresAt'];
    const attributes = Object.fromEntries(
      watched.filter((a) => located.item[a] !== undefined).map((a) => [a, located.item[a]]),
    );
    const claim: WriteOperation = {
      kind: 'update',
      key,
      changes: { set: { messageCount: messageCount + count } },
      condition: { kind: 'matches', attributes },
    };
    return { firstSeq: messageCount, claim: [claim] };
  }
  const reserved = await infoStore.update(key, { add: { messageCount: count } }, { kind: 'present' });
  return { firstSeq: (reserved.messageCount as number) - count, claim: [] };
}

async function messagePut(
  deps: IngestDeps,
  tenant: TenantContext,
  located: LocatedInteraction,
  region: string,
  message: StorableMessage,
  seq: number,
): Promise<WriteOperation> {
  const { tenantId } = tenant;
  const { interactionId, channel } = located.info;
  const key = { pk: located.item.pk, sk: messageSortKey(message.at, seq) };
  const meta = recordMeta(
    tenant.policy,
    key,
    { tenantId, dataClass: 'transcript', channel, createdAt: recordTime(message.at, deps.clock.now()) },
    deps.clock.now(),
  );
  const { from, at, text, fields, dtmf, email } = message;
  const item = await sealedItem(
    deps.vault,
    { region, tenantId, dataClass: 'transcript', partitionId: interactionId },
    key,
    meta,
    { interactionId, seq, from, at },
    { text, fields: fields.length ? fields : undefined, dtmf, email },
  );
  // A restricted interaction's new records are restricted too.
  return { kind: 'put', item: { ...item, ...restrictionMark(located.item) }, condition: { kind: 'absent' } };
}
