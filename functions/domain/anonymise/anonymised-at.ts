/** The first anonymisation stays the recorded one, so a re-run (resumed job) changes nothing. */
export const anonymisedAt = (previous: string | undefined, at: Date): string => previous ?? at.toISOString();
