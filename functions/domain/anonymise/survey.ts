import type { Survey } from '../records';
import { anonymisedAt } from './anonymised-at';

/** A survey keeps its score and time; the free-text comment, which can say anything, goes. */
export function anonymiseSurvey(survey: Survey, at: Date): Survey {
  const { comment: _comment, ...statistics } = survey;
  return { ...statistics, anonymisedAt: anonymisedAt(survey.anonymisedAt, at) };
}
