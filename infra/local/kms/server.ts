import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../net';
import { KmsError } from './errors';
import type { KeyStore } from './key-store';
import { OPERATIONS, type KmsDeps } from './operations';
import { callerOf, Principals } from './principals';

/**
 * LOCAL ONLY. A KMS-compatible endpoint speaking the real KMS JSON protocol (awsJson1_1,
 * `X-Amz-Target: TrentService.<Op>`), so the unmodified @aws-sdk/client-kms works against it.
 * There is no KMS emulator; this exists so the adapters, the local runtime and the tests run the
 * very code that runs in AWS. It does not check SigV4 signatures: the access key id names the
 * caller (see principals.ts). Calls are direct, as from the KMS adapter: kms:ViaService is never
 * set (s3rver and DynamoDB Local do not call KMS on anyone's behalf).
 */
export interface LocalKms {
  endpoint: string;
  store: KeyStore;
  principals: Principals;
  close(): Promise<void>;
}

export async function startLocalKms(options: { store: KeyStore; port: number; now: () => Date }): Promise<LocalKms> {
  const principals = new Principals(options.store.account);
  const deps: KmsDeps = { store: options.store, now: options.now };
  const server = createServer((req, res) => {
    void handle(req, res, deps, principals);
  });
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    store: options.store,
    principals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: KmsDeps, principals: Principals): Promise<void> {
  const requestId = randomUUID();
  try {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('TrentService.') ? OPERATIONS[target.slice('TrentService.'.length)] : undefined;
    if (req.method !== 'POST' || !operation)
      throw new KmsError('UnknownOperationException', `The local KMS does not implement ${target || 'this request'}.`);
    const caller = callerOf(req.headers.authorization);
    if (!caller) throw new KmsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
    const principalArn = principals.principalArn(caller);
    if (!principalArn)
      throw new KmsError(
        'UnrecognizedClientException',
        `The security token included in the request is invalid (local KMS knows the access keys S3RVER and LEGALROLE, not ${caller.accessKeyId}).`,
      );
    const input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    const output = operation({ region: caller.region, principalArn, input }, deps);
    reply(res, 200, requestId, output);
  } catch (error) {
    const kmsError =
      error instanceof KmsError
        ? error
        : error instanceof SyntaxError
          ? new KmsError('SerializationException', 'The request body is not JSON.')
          : undefined;
    if (!kmsError) {
      process.stderr.write(
        `local KMS: request ${requestId} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      reply(res, 500, requestId, {
        __type: 'KMSInternalException',
        message: `local KMS failed (request ${requestId})`,
      });
      return;
    }
    reply(res, kmsError.status, requestId, { __type: kmsError.type, message: kmsError.message });
  }
}

function reply(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
