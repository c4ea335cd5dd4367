import type { ItemKey } from '../../ports/record-store';

/**
 * A survey sits in its interaction's partition under `SURVEY#<surveyId>` (docs/storage-layout.md).
 * This module is the only one that spells that key (test/unit/architecture/key-ownership.test.ts).
 */
export const SURVEY_PREFIX = 'SURVEY#';

export const surveyKey = (interactionPk: string, surveyId: string): ItemKey => ({
  pk: interactionPk,
  sk: `${SURVEY_PREFIX}${surveyId}`,
});
