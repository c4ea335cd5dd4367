/**
 * Who is calling the local KMS. Real KMS learns the caller from the SigV4 signature; locally the
 * access key id in the `Credential=` part of the Authorization header names a principal (the
 * signature itself is not checked):
 * - `S3RVER`, the default credentials of the local stack and the tests: the application role;
 * - `LEGALROLE`: the legal-access role of the region called, i.e. the role a key policy of that
 *   region trusts by name to decrypt (the litigation key's), found when provisioning.
 */
export const APPLICATION_ACCESS_KEY = 'S3RVER';
export const LEGAL_ACCESS_KEY = 'LEGALROLE';

export interface Caller {
  accessKeyId: string;
  region: string;
}

/** Access key id and region from `AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-central-1/kms/aws4_request, ...`. */
export function callerOf(authorization: string | undefined): Caller | undefined {
  const match = /Credential=([^/\s,]+)\/\d{8}\/([^/\s,]+)\/kms\/aws4_request/.exec(authorization ?? '');
  return match ? { accessKeyId: match[1], region: match[2] } : undefined;
}

export class Principals {
  private readonly legalRoles = new Map<string, string>();

  constructor(private readonly account: string) {}

  /** The application role: any ARN other than a legal-access role behaves the same under Lethe's key policies. */
  get applicationRoleArn(): string {
    return `arn:aws:iam::${this.account}:role/lethe-local-application`;
  }

  setLegalRole(region: string, roleArn: string): void {
    this.legalRoles.set(region, roleArn);
  }

  /** The principal ARN an access key acts as in `region`, or undefined for an unknown access key. */
  principalArn(caller: Caller): string | undefined {
    if (caller.accessKeyId === APPLICATION_ACCESS_KEY) return this.applicationRoleArn;
    if (caller.accessKeyId === LEGAL_ACCESS_KEY)
      return (
        this.legalRoles.get(caller.region) ?? `arn:aws:iam::${this.account}:role/lethe-local-legal-access-unprovisioned`
      );
    return undefined;
  }

  describe(): string[] {
    return [
      `${APPLICATION_ACCESS_KEY} → ${this.applicationRoleArn}`,
      ...[...this.legalRoles].map(([region, arn]) => `${LEGAL_ACCESS_KEY} (${region}) → ${arn}`),
    ];
  }
}
