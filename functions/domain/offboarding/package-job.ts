import * as z from 'zod';
import { parseOrThrow } from '../validation';

/**
 * The direct invocation that builds a terminating tenant's export package in an invocation of its
 * own (the API answers before the package exists): `{ kind, tenantId, requestId }`, where
 * `requestId` names the build the termination recorded. Nothing else is accepted.
 */
export const OFFBOARDING_PACKAGE_JOB = 'offboarding-package';

const PackageJobEventSchema = z
  .object({
    kind: z.literal(OFFBOARDING_PACKAGE_JOB, { error: `must be "${OFFBOARDING_PACKAGE_JOB}"` }),
    tenantId: z.ulid('must be a tenant id (ULID)'),
    requestId: z.ulid('must be a package request id (ULID)'),
  })
  .strict();
export type PackageJobEvent = z.infer<typeof PackageJobEventSchema>;

/** The event that starts the build `requestId` of the tenant's package. */
export const packageJobEvent = (tenantId: string, requestId: string): PackageJobEvent => ({
  kind: OFFBOARDING_PACKAGE_JOB,
  tenantId,
  requestId,
});

/** The event, or VALIDATION_FAILED naming every bad field. */
export const parsePackageJobEvent = (event: unknown): PackageJobEvent =>
  parseOrThrow(PackageJobEventSchema, event, 'The offboarding package event');
