import { OPERATOR_KEY_HEADER, operatorKeyFile, readOperatorKey } from '../../infra/local/operator-key';
import { apiUrl } from './local-stack';
import { awsCredentialChain, executeApiRegion, signedHeaders } from './operator-signing';
import { directoryLookup, unknownTenantMessage, type TenantLookup } from './tenant-lookup';

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** An operator route (AWS_IAM in AWS): signed with SigV4 against API Gateway, else sends the local operator key. */
  operator?: boolean;
  /** Admin JWT, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Ingest API key, sent as `x-api-key`. */
  apiKey?: string;
  /** The tenant the token or key is for: a refusal checks it exists, so an unknown tenant is named as such. */
  tenant?: string;
}

/** A failed call, with a one-line message that says what to fix. */
export class LetheApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'LetheApiError';
  }
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    fields?: Array<{ path: string; message: string }>;
    correlationId?: string;
  };
  message?: string;
}

/** The HTTP client every CLI command uses to talk to Lethe's API. */
export class LetheApiClient {
  readonly baseUrl: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly tenantExists: TenantLookup = directoryLookup(env),
    private readonly awsCredentials = awsCredentialChain,
  ) {
    this.baseUrl = apiUrl(env);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const url = `${this.baseUrl}${path}`;
    const region = executeApiRegion(this.baseUrl);
    if (options.operator && region) {
      // fetch sets the Host header itself, from the same URL the signature covers.
      const { host: _host, ...signed } = await signedHeaders(
        { method, url, headers, body },
        { region, credentials: this.awsCredentials() },
      );
      Object.assign(headers, signed);
    } else if (options.operator) headers[OPERATOR_KEY_HEADER] = this.operatorKey();

    let res: Response;
    try {
      res = await fetch(url, { method, headers, body });
    } catch {
      throw new LetheApiError(
        `cannot reach Lethe at ${this.baseUrl} — is \`npm start\` running? (set LETHE_API if Lethe listens elsewhere)`,
      );
    }
    const text = await res.text();
    const json = parseJson(text, res.headers.get('content-type'));
    if (res.ok) {
      if (json === undefined && text)
        throw new LetheApiError(
          `${this.baseUrl} did not answer ${method} ${path} with JSON — is LETHE_API pointing at Lethe?`,
          res.status,
        );
      return json as T;
    }
    // A refused token is most often one for a tenant that does not exist (here): say that instead.
    if (res.status === 401 && options.tenant && (await this.tenantExists(options.tenant)) === false)
      throw new LetheApiError(unknownTenantMessage(options.tenant), res.status, 'UNKNOWN_TENANT');
    throw this.failure(method, path, res.status, json as ErrorBody | undefined, options);
  }

  private operatorKey(): string {
    const key = readOperatorKey(this.env);
    if (!key)
      throw new LetheApiError(
        `no operator key: start the local stack once with \`npm start\` (it writes ${operatorKeyFile(this.env)}) or set LETHE_OPERATOR_KEY`,
      );
    return key;
  }

  private failure(
    method: string,
    path: string,
    status: number,
    body: ErrorBody | undefined,
    options: RequestOptions,
  ): LetheApiError {
    const route = `${method} ${path}`;
    const error = body?.error;
    const message = error?.message ?? body?.message;
    if (message === undefined)
      return new LetheApiError(
        `${this.baseUrl} answered ${route} with HTTP ${status} and no Lethe error — is LETHE_API pointing at Lethe?`,
        status,
      );
    const fail = (text: string) => new LetheApiError(text, status, error?.code);
    if (status === 400) {
      const fields = error?.fields?.map((f) => `${f.path}: ${f.message}`).join('; ');
      return fail(`Lethe refused ${route}: ${fields || message}`);
    }
    if (status === 401) return fail(`not authenticated for ${route}: ${message} — check the admin token or API key`);
    if (status === 403 && options.operator && executeApiRegion(this.baseUrl))
      return fail(
        `the AWS identity of this shell was refused for ${route} — it needs execute-api:Invoke on the operator routes (choose it with AWS_PROFILE or the AWS_* variables)`,
      );
    if (status === 403 && options.operator)
      return fail(
        `the operator key was refused for ${route} — it must be the key of the stack at ${this.baseUrl} (LETHE_OPERATOR_KEY or ${operatorKeyFile(this.env)})`,
      );
    if (status === 403) return fail(`forbidden: ${message}`);
    if (status === 404) return fail(`not found: ${message}`);
    if (status >= 500)
      return fail(
        `Lethe failed on ${route} (correlation id ${error?.correlationId ?? 'none'}) — see the server log (the \`npm start\` output locally)`,
      );
    return fail(`${error?.code ?? `HTTP ${status}`}: ${message}`);
  }
}

function parseJson(text: string, contentType: string | null): unknown {
  if (!text || !contentType?.includes('json')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
