import type { z } from 'zod';

/**
 * How a route is called: a channel's `x-api-key`, a staff Bearer token, an IAM-signed operator
 * call (SigV4 in AWS, the operator key locally), or nothing. A route open to several lists each.
 */
export type ApiAuth = 'apiKey' | 'admin' | 'iam' | 'none';

/** One operation of the OpenAPI document, written next to the zod schemas that validate it. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: `/v1/${string}`;
  summary: string;
  auth: ApiAuth | readonly ApiAuth[];
  body?: z.ZodType;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
  query?: Array<{ name: string; required: boolean; description: string; schema: Record<string, unknown> }>;
  /** Path parameters that are not ULIDs (every other `{name}` in the path is one). */
  pathParams?: Record<string, { description: string; schema: Record<string, unknown> }>;
  /**
   * The success answer: JSON of `schema`, and/or the files the route answers with instead
   * (`?format=` or the Accept header picks one; a JSON answer without a schema is some object).
   */
  ok: { status: number; description: string; schema?: z.ZodType; files?: readonly FileMediaType[] };
  /** Error statuses besides the ones every authenticated route can answer (400, 401, 403, 500). */
  errors: Record<number, string>;
}

/** Media types of the files a route can answer with itself (zip and audio come from presigned S3 links, not from the API). */
export const FILE_MEDIA_TYPES = {
  'text/csv': 'text',
  'text/markdown': 'text',
  'application/xml': 'text',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'binary',
} as const;
export type FileMediaType = keyof typeof FILE_MEDIA_TYPES;

export const authsOf = (op: Pick<ApiOperation, 'auth'>): readonly ApiAuth[] =>
  typeof op.auth === 'string' ? [op.auth] : op.auth;

export type ApiQuery = NonNullable<ApiOperation['query']>;

/** `limit` and `nextToken` of a paged listing. */
export const pageQuery = (max: number): ApiQuery => [
  { name: 'limit', required: false, description: `1 to ${max}, default 50`, schema: { type: 'integer', maximum: max } },
  { name: 'nextToken', required: false, description: 'from the previous page', schema: { type: 'string' } },
];

/** A person named in a query string: at least one identifier, hashed with the tenant secret, never stored or answered. */
export const SUBJECT_QUERY: ApiQuery = ['phone', 'email', 'visitorId', 'name'].map((name) => ({
  name,
  required: false,
  description: `the person's ${name} (give at least one identifier)`,
  schema: { type: 'string' },
}));
