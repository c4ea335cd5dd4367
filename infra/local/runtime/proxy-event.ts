import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';

/** An HTTP request as node:http gives it, before API Gateway's shaping. */
export interface IncomingRequest {
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  /** Query string without the `?`. */
  query: string;
  /** node's `req.rawHeaders`: name, value, name, value, … with the caller's casing. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
}

export interface EventContext {
  requestId: string;
  now: Date;
  accountId: string;
  apiId: string;
  stage: string;
  domainName: string;
  resourceId: string;
  /** The Lambda authorizer's `context` plus `principalId`, or null for routes without one. */
  authorizer: Record<string, string> | null;
  /** Who signed the request, for AWS_IAM routes. */
  caller?: { accessKey: string; userArn: string; user: string };
}

/**
 * A map keyed by what the caller sent: no prototype, so a name like `constructor`, `toString` or
 * `__proto__` is a key like any other, never an inherited member.
 */
const callerKeyed = <V>(): Record<string, V> => Object.create(null) as Record<string, V>;

/** `headers` keeps the last value of a repeated header, `multiValueHeaders` all of them, as API Gateway does. */
export function headerMaps(rawHeaders: string[]): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
  const headers = callerKeyed<string>();
  const multiValueHeaders = callerKeyed<string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const [name, value] = [rawHeaders[i], rawHeaders[i + 1]];
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

/** Case-insensitive header lookup (API Gateway keeps the caller's casing in the event). */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : headers[key];
}

export function queryMaps(query: string): {
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
} {
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
  if (pairs.length === 0) return { queryStringParameters: null, multiValueQueryStringParameters: null };
  const single = callerKeyed<string>();
  const multi = callerKeyed<string[]>();
  for (const [k, v] of pairs) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

/** Whether a media type is one of the API's BinaryMediaTypes (which may hold wildcards like `image/*`). */
export function isBinaryMediaType(mediaType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!mediaType) return false;
  const [type, subtype] = mediaType.split(';')[0].trim().toLowerCase().split('/');
  return binaryMediaTypes.some((pattern) => {
    const [t, s] = pattern.toLowerCase().split('/');
    return (t === '*' || t === type) && (s === '*' || s === subtype);
  });
}

export function buildProxyEvent(
  request: IncomingRequest,
  route: { path: string },
  pathParameters: Record<string, string>,
  binaryMediaTypes: readonly string[],
  ctx: EventContext,
): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = headerMaps(request.rawHeaders);
  const binary = isBinaryMediaType(header(headers, 'content-type'), binaryMediaTypes);
  const identity: APIGatewayEventIdentity = {
    accessKey: ctx.caller?.accessKey ?? null,
    accountId: ctx.caller ? ctx.accountId : null,
    apiKey: null,
    apiKeyId: null,
    caller: ctx.caller?.user ?? null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: request.sourceIp,
    user: ctx.caller?.user ?? null,
    userAgent: header(headers, 'user-agent') ?? null,
    userArn: ctx.caller?.userArn ?? null,
  };
  return {
    resource: route.path,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    ...queryMaps(request.query),
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    stageVariables: null,
    body: request.body.length ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: binary && request.body.length > 0,
    requestContext: {
      accountId: ctx.accountId,
      apiId: ctx.apiId,
      authorizer: ctx.authorizer,
      domainName: ctx.domainName,
      domainPrefix: ctx.domainName.split('.')[0],
      extendedRequestId: ctx.requestId,
      httpMethod: request.method,
      identity,
      path: `/${ctx.stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId: ctx.requestId,
      requestTime: requestTime(ctx.now),
      requestTimeEpoch: ctx.now.getTime(),
      resourceId: ctx.resourceId,
      resourcePath: route.path,
      stage: ctx.stage,
    },
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `09/Apr/2015:12:34:56 +0000`. */
export function requestTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
