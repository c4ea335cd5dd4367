import type { Channel, DataClass, ExpiryAction } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { SUBJECT_ENTRY_PREFIX } from '../record-keys';
import { expirySecondsOf } from './visibility';
import { actionAtExpiry } from './action-at-expiry';
import { retentionTextFor } from './retention-for';

/** The classes an interaction's partition holds: general info, chat log, recordings, surveys. */
export const INTERACTION_CLASSES = [
  'interaction',
  'transcript',
  'recording',
  'survey',
] as const satisfies readonly DataClass[];
export type InteractionClass = (typeof INTERACTION_CLASSES)[number];

/** When one class of an interaction expires, and what the sweep then does to it. */
export interface ClassExpiry {
  dataClass: InteractionClass;
  /** Records of the class stored and visible now. */
  records: number;
  /** The earliest and the latest expiry of those records (chat-log lines expire one by one). */
  firstExpiresAt?: string;
  lastExpiresAt?: string;
  /** A legal hold keeps the records past their expiry. */
  held: boolean;
  /** The retention the policy in force gives the class on the interaction's channel. */
  retention: string;
  afterExpiry: ExpiryAction;
  sealFirst: boolean;
}

/** A stored item of the partition, as far as its expiry goes. */
type PartitionItem = Readonly<Record<string, unknown>> & { sk: string };

/**
 * The retention timeline of one interaction: per class, how many records are left, when they
 * expire (their stored expiry, which a hold moves to `heldExpiresAt`) and what the policy does then.
 * Subject-index entries share the partition and a class but are no records of their own.
 */
export function classTimeline(items: readonly PartitionItem[], policy: TenantPolicy, channel: Channel): ClassExpiry[] {
  return INTERACTION_CLASSES.map((dataClass) => {
    // A copy of the same record in a second region (a move cut short) is still one record.
    const bySortKey = new Map(
      items.filter((i) => i.class === dataClass && !i.sk.startsWith(SUBJECT_ENTRY_PREFIX)).map((i) => [i.sk, i]),
    );
    const records = [...bySortKey.values()];
    const expiries = records.map(expirySecondsOf).filter((e): e is number => e !== undefined);
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    const { action, sealFirst } = actionAtExpiry(policy, dataClass);
    return {
      dataClass,
      records: records.length,
      ...(expiries.length
        ? { firstExpiresAt: iso(Math.min(...expiries)), lastExpiresAt: iso(Math.max(...expiries)) }
        : {}),
      held: records.some((r) => typeof r.heldExpiresAt === 'number'),
      retention: retentionTextFor(policy, dataClass, channel),
      afterExpiry: action,
      sealFirst,
    };
  });
}
