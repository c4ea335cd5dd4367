import type { z } from 'zod';
import { LetheError, payloadTooLarge, validationFailed } from '../errors';
import { fieldProblems } from '../validation';
import { INGEST_LIMITS } from './limits';

/** Strings, lists and payloads past their maximum are size problems; numbers out of range are not. */
const isSizeIssue = (issue: z.core.$ZodIssue) =>
  issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'object');

/**
 * Validates an ingest request body. Every problem is named; when the only problems are sizes
 * over INGEST_LIMITS the answer is 413 (the caller must split or shorten), otherwise 400.
 */
export function parseIngestRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  if (result.error.issues.every(isSizeIssue))
    throw new LetheError('PAYLOAD_TOO_LARGE', `${what} is over the size limits.`, fields);
  throw validationFailed(fields, `${what} is not valid.`);
}

/** The raw body limit, checked before the body is even parsed. */
export function assertBodyWithinLimit(bodyBytes: number): void {
  if (bodyBytes > INGEST_LIMITS.bodyBytes)
    throw payloadTooLarge(`The request body is ${bodyBytes} bytes; the limit is ${INGEST_LIMITS.bodyBytes} bytes.`);
}
