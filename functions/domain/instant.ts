import * as z from 'zod';

/** How an instant is written everywhere Lethe takes one: the API's queries and bodies, and the CLI's options. */
export const ISO_INSTANT_FORMAT = 'an ISO-8601 instant with a time zone, such as 2030-01-01T00:00:00Z';

export const IsoInstantSchema = z.iso.datetime({ offset: true, message: `must be ${ISO_INSTANT_FORMAT}` });
