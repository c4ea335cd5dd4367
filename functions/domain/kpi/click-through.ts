/**
 * Click-through rate (Inbenta's "taux de clics quotidiens"): clicks per question asked. Derived
 * at read time from the two counters, so it is exact for any grouping; undefined without questions.
 */
export function clickThroughRate(clicks: number, questions: number): number | undefined {
  return questions > 0 ? clicks / questions : undefined;
}
