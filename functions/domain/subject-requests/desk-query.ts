import * as z from 'zod';
import { JOB_STATUSES } from './job-status';
import { SUBJECT_REQUEST_TYPES } from './request';

export const MAX_DESK_PAGE = 100;

/** `GET /v1/subject-requests?type&status&filedBy&overdue&limit&nextToken`: the desk's filters. */
export const DeskQuerySchema = z
  .object({
    type: z.enum(SUBJECT_REQUEST_TYPES, { error: `must be one of ${SUBJECT_REQUEST_TYPES.join(', ')}` }).optional(),
    status: z.enum(JOB_STATUSES, { error: `must be one of ${JOB_STATUSES.join(', ')}` }).optional(),
    filedBy: z.enum(['channel', 'staff'], { error: 'must be channel or staff' }).optional(),
    overdue: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce
      .number({ error: `must be a whole number from 1 to ${MAX_DESK_PAGE}` })
      .int()
      .min(1)
      .max(MAX_DESK_PAGE)
      .default(50),
    nextToken: z.string().max(2000).optional(),
  })
  .strict();
export type DeskQuery = z.infer<typeof DeskQuerySchema>;
