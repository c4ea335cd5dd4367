import * as z from 'zod';
import { IsoInstantSchema } from '../instant';

/** `POST /v1/sweeps` (operators): what `lethe sweep` asks for. */
export const SweepRequestSchema = z
  .object({
    tenantId: z.ulid('must be a tenant id (ULID)').optional(),
    dryRun: z.boolean().default(false),
    now: IsoInstantSchema.optional(),
    /** `nextUnit` of the previous answer: a sweep answers within the API's time limit and goes on when called again. */
    after: z.string().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'SweepRequest' });
export type SweepRequest = z.infer<typeof SweepRequestSchema>;
