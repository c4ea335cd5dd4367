import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Clock } from '../../../functions/ports/clock';
import { listen } from '../net';
import { OPERATOR_KEY_HEADER } from '../operator-key';
import type { ApiModel, RouteModel } from './api-model';
import { runAuthorizer } from './authorizer';
import type { FlowingClock } from './flowing-clock';
import { gatewayReply, type GatewayErrorType } from './gateway-responses';
import { describeError, type FunctionHost } from './lambda-host';
import { localRoute } from './local-routes';
import { buildProxyEvent, header, isBinaryMediaType, type IncomingRequest } from './proxy-event';
import { matchRoute } from './route-match';

/** API Gateway's limits: 10 MB payloads, 29 s integration timeout. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const INTEGRATION_TIMEOUT_SECONDS = 29;

export interface HttpRuntimeOptions {
  port: number;
  api: ApiModel;
  host: FunctionHost;
  clock: FlowingClock;
  account: string;
  operatorKey: string;
  log: (line: string) => void;
}

export interface HttpRuntime {
  url: string;
  close(): Promise<void>;
}

export interface Reply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

/**
 * The API Gateway REST API of the templates, served over node:http on 127.0.0.1: each request is
 * matched to a route, shaped into an APIGatewayProxyEvent, authorised as the method says (Lambda
 * authorizer, operator key for AWS_IAM, none) and handed to the handler module; its result becomes
 * the HTTP response. Gateway errors use the template's GatewayResponses.
 */
export async function startHttpRuntime(options: HttpRuntimeOptions): Promise<HttpRuntime> {
  const server = createServer((req, res) => {
    const started = Date.now();
    const served: Served = {};
    void serve(req, options, served)
      .catch((error: unknown): Reply => {
        const correlationId = randomUUID();
        options.log(`local runtime failed on ${logLine(req, served)} (${correlationId}): ${describeError(error)}`);
        return json(500, {
          error: { code: 'INTERNAL', message: 'The local runtime failed; its log has the details.', correlationId },
        });
      })
      .then((reply) => {
        res.writeHead(reply.statusCode, reply.headers);
        res.end(reply.body);
        options.log(`${logLine(req, served)} → ${reply.statusCode} ${Date.now() - started} ms`);
      });
  });
  // Longer than any client keeps an idle socket (undici: 4 s), so the client always closes first and a
  // request never lands on a socket the server is closing ("other side closed" on a loaded machine).
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the log may say about a request: the route template it matched, never the path or query sent. */
export interface Served {
  route?: string;
}

/**
 * Paths and queries carry identifiers (interaction ids, e-mail addresses in a search): the logs
 * name the route template, or only that no route matched.
 */
const logLine = (req: IncomingMessage, served: Served): string => `${req.method} ${served.route ?? '(no route)'}`;

async function serve(req: IncomingMessage, options: HttpRuntimeOptions, served: Served): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const body = await readBody(req);

  if (path.startsWith('/_local/')) {
    served.route = path === '/_local/clock' ? path : undefined;
    const reply =
      body === 'too-large'
        ? { statusCode: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request Too Long' } } }
        : localRoute(req, path, body, options.clock);
    return json(reply.statusCode, reply.body);
  }
  return dispatch(
    {
      method,
      path,
      query: url.search.slice(1),
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      domainName: req.headers.host ?? '127.0.0.1',
    },
    options,
    served,
  );
}

/** A request as the gateway receives it, from a socket or (in-process tests) from a caller. */
export type GatewayRequest = Omit<IncomingRequest, 'body'> & { body: Buffer | 'too-large'; domainName: string };

/**
 * API Gateway's part of a request, without the socket: route, proxy event, authorisation, the
 * handler's invocation and its result as a reply. In-process tests call it directly.
 */
export async function dispatch(
  request: GatewayRequest,
  options: Omit<HttpRuntimeOptions, 'port' | 'clock'> & { clock: Clock },
  served: Served = {},
): Promise<Reply> {
  const { method, path, body } = request;
  const match = matchRoute(options.api.routes, method, path);
  if (!match) return json(404, { error: { code: 'NOT_FOUND', message: `No route serves ${method} ${path}.` } });

  const { route } = match;
  served.route = route.path;
  const requestId = randomUUID();
  const gateway = (type: GatewayErrorType, message: string) =>
    fromGateway(gatewayReply(type, message, requestId, route.api.gatewayResponses), requestId);
  if (body === 'too-large') return gateway('REQUEST_TOO_LARGE', 'Request Too Long');

  const now = options.clock.now();
  const event = buildProxyEvent({ ...request, body }, route, match.pathParameters, route.api.binaryMediaTypes, {
    requestId,
    now,
    accountId: options.account,
    apiId: route.api.apiId,
    stage: route.api.stage,
    domainName: request.domainName,
    resourceId: route.resourceId,
    authorizer: null,
  });

  if (route.authorizationType === 'AWS_IAM') {
    const refused = checkOperatorKey(event, options.operatorKey);
    if (refused) return gateway(refused.type, refused.message);
    event.requestContext.identity = {
      ...event.requestContext.identity,
      accessKey: 'LOCALOPERATOR',
      accountId: options.account,
      caller: 'lethe-local-operator',
      user: 'lethe-local-operator',
      userArn: `arn:aws:iam::${options.account}:user/lethe-local-operator`,
    };
  }
  if (route.authorizationType === 'CUSTOM' && route.authorizer) {
    const methodArn = `arn:aws:execute-api:${route.api.region}:${options.account}:${route.api.apiId}/${route.api.stage}/${method}${path}`;
    const outcome = await runAuthorizer(options.host, route.authorizer, event, methodArn);
    if (outcome.kind === 'refuse') {
      if (outcome.log) options.log(`authorizer refused ${method} ${route.path} (${requestId}): ${outcome.log}`);
      return gateway(outcome.type, outcome.message);
    }
    event.requestContext.authorizer = outcome.authorizer;
  }

  const invocation = await options.host.invoke(route.target, event, requestId, INTEGRATION_TIMEOUT_SECONDS);
  if (invocation.kind === 'timeout') {
    options.log(`${route.target.functionName} timed out (${requestId})`);
    return route.target.timeoutSeconds > INTEGRATION_TIMEOUT_SECONDS
      ? gateway('INTEGRATION_TIMEOUT', 'Endpoint request timed out')
      : gateway('INTEGRATION_FAILURE', 'Internal server error');
  }
  if (invocation.kind === 'error') {
    options.log(`${route.target.functionName} failed (${requestId}): ${describeError(invocation.error)}`);
    return gateway('INTEGRATION_FAILURE', 'Internal server error');
  }
  const reply = proxyResult(invocation.value, event, route, requestId);
  if (typeof reply === 'string') {
    options.log(`${route.target.functionName} (${requestId}): ${reply}`);
    return gateway('INTEGRATION_FAILURE', 'Internal server error');
  }
  return reply;
}

/** Locally the operator key stands in for a SigV4 signature by an IAM principal of the account. */
function checkOperatorKey(
  event: APIGatewayProxyEvent,
  operatorKey: string,
): { type: GatewayErrorType; message: string } | undefined {
  const sent = header(event.headers as Record<string, string>, OPERATOR_KEY_HEADER);
  if (!sent)
    return {
      type: 'MISSING_AUTHENTICATION_TOKEN',
      message: `Missing Authentication Token (locally: send the ${OPERATOR_KEY_HEADER} header with the key in .lethe/operator.key)`,
    };
  const [a, b] = [Buffer.from(sent), Buffer.from(operatorKey)];
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return {
      type: 'ACCESS_DENIED',
      message: 'The operator key is not the one of this local stack (.lethe/operator.key).',
    };
  return undefined;
}

/** The handler's proxy result as an HTTP reply, or why API Gateway would reject it as malformed. */
function proxyResult(
  value: unknown,
  event: APIGatewayProxyEvent,
  route: RouteModel,
  requestId: string,
): Reply | string {
  const result = value as
    | {
        statusCode?: unknown;
        headers?: Record<string, unknown>;
        multiValueHeaders?: Record<string, unknown[]>;
        body?: unknown;
        isBase64Encoded?: unknown;
      }
    | undefined;
  if (
    !result ||
    typeof result !== 'object' ||
    !Number.isInteger(result.statusCode) ||
    (result.statusCode as number) < 100 ||
    (result.statusCode as number) > 599
  )
    return 'malformed Lambda proxy response: it needs an integer statusCode';
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string')
    return 'malformed Lambda proxy response: body must be a string';
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.map(String);
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  headers['content-type'] ??= 'application/json';
  headers['x-amzn-requestid'] = requestId;
  const text = (result.body as string | undefined) ?? '';
  // API Gateway turns a base64 body back into bytes only for the API's binary media types.
  const accept = header(event.headers as Record<string, string>, 'accept')?.split(',')[0];
  const binary =
    result.isBase64Encoded === true &&
    (isBinaryMediaType(accept, route.api.binaryMediaTypes) ||
      isBinaryMediaType(String(headers['content-type']), route.api.binaryMediaTypes));
  return { statusCode: result.statusCode as number, headers, body: binary ? Buffer.from(text, 'base64') : text };
}

function fromGateway(
  reply: { statusCode: number; headers: Record<string, string>; body: string },
  requestId: string,
): Reply {
  return { ...reply, headers: { ...reply.headers, 'x-amzn-requestid': requestId } };
}

function json(statusCode: number, body: unknown): Reply {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
