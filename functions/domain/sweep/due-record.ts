import type { DataClass } from '../data-class';

/**
 * What a `byExpiry` hit can be: a live record; an archive pointer left where an archived record
 * was (so subject requests still find the archived copy); an anonymised record kept as statistics;
 * or the registry entry of a sealed litigation batch.
 */
export type RecordTier = 'live' | 'archived' | 'statistics' | 'litigation-batch';

/** The facts about one due item the sweep decides on; nothing personal. */
export interface DueRecord {
  pk: string;
  sk: string;
  dataClass: DataClass;
  /** Epoch seconds. */
  expiresAt: number;
  tier: RecordTier;
  /** The litigation batch that already holds a sealed copy, once sealed. */
  sealedIn?: string;
}
