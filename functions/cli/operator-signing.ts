import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

/** Credentials, or a provider of them, as the signer takes them. */
type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** An operator call as the CLI sends it. */
export interface OperatorRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The API Gateway endpoint's region, when `apiUrl` is one (`<id>.execute-api.<region>.amazonaws.com`); else undefined. */
export function executeApiRegion(apiUrl: string): string | undefined {
  return /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(new URL(apiUrl).hostname)?.[1];
}

/**
 * The headers of `request` signed with SigV4 for API Gateway (`execute-api`), as the operator
 * routes' AWS_IAM authorisation wants them. The body is part of the signature.
 */
export async function signedHeaders(
  request: OperatorRequest,
  signer: { region: string; credentials: Credentials; signingDate?: Date; service?: string },
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const sigv4 = new SignatureV4({
    service: signer.service ?? 'execute-api',
    region: signer.region,
    credentials: signer.credentials,
    sha256: Sha256,
  });
  const signed = await sigv4.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers, host: url.host },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    { signingDate: signer.signingDate },
  );
  return signed.headers;
}

/** The standard AWS credential chain: environment, `AWS_PROFILE` / shared files, SSO, process, instance roles. */
export const awsCredentialChain = (): Credentials => defaultProvider();
