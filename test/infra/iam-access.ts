import { anonymousPrincipal, runSimulation, type SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import type { CfnResolver, CfnTemplate } from './cfn-resolver';

/**
 * Who may do what in the synthesized templates, decided by @cloud-copilot/iam-simulate from the
 * identity policies of a role and the resource policy (key policy, bucket policy) of the target,
 * with every intrinsic resolved to a concrete ARN (cfn-resolver). No SCPs, permission boundaries
 * or session policies: the templates define none.
 */
export interface SynthesizedStack {
  region: string;
  template: CfnTemplate;
  resolver: CfnResolver;
}

export interface Principal {
  /** Undefined for a caller without AWS credentials (anonymous to AWS). */
  arn?: string;
  identityPolicies: SimulationIdentityPolicy[];
  /** AWS managed policies cannot be simulated offline; a role with any is reported, not guessed. */
  managedPolicyArns: string[];
}

export interface Target {
  arn: string;
  resourcePolicy?: object;
  /** Request contexts a caller can choose between; the request is allowed if any of them is. */
  contexts: Record<string, string | string[]>[];
}

/** A caller that holds only Cognito tokens, no AWS credentials: to AWS it is anonymous. */
export const CREDENTIAL_LESS: Principal = { identityPolicies: [], managedPolicyArns: [] };

/** The role `roleId` of `stack` with every identity policy attached to it (inline or AWS::IAM::Policy). */
export function rolePrincipal(stack: SynthesizedStack, roleId: string): Principal {
  const resources = stack.template.Resources;
  const role = resources[roleId].Properties ?? {};
  const inline = (role.Policies ?? []).map((p: { PolicyName: string; PolicyDocument: object }) => ({
    name: p.PolicyName,
    policy: p.PolicyDocument,
  }));
  const attached = Object.entries(resources)
    .filter(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' &&
        (r.Properties?.Roles ?? []).some((ref: { Ref?: string }) => ref.Ref === roleId),
    )
    .map(([id, r]) => ({ name: id, policy: r.Properties!.PolicyDocument }));
  return {
    arn: stack.resolver.arnOf(roleId),
    identityPolicies: stack.resolver.resolve([...inline, ...attached]),
    managedPolicyArns: stack.resolver.resolve(role.ManagedPolicyArns ?? []),
  };
}

/** The KMS key `keyId`: its key policy, and the contexts a caller may send (any service it calls through). */
export function keyTarget(stack: SynthesizedStack, keyId: string): Target {
  const aliases = Object.values(stack.template.Resources)
    .filter((r) => r.Type === 'AWS::KMS::Alias' && aliasTargetOf(r.Properties!) === keyId)
    .map((r) => stack.resolver.resolve(r.Properties!.AliasName) as string);
  // Directly, or through one of the services that use the keys on a caller's behalf.
  const viaServices: Record<string, string>[] = [
    {},
    ...['s3', 'dynamodb'].map((service) => ({ 'kms:ViaService': `${service}.${stack.region}.amazonaws.com` })),
  ];
  return {
    arn: stack.resolver.arnOf(keyId),
    resourcePolicy: stack.resolver.resolve(stack.template.Resources[keyId].Properties!.KeyPolicy),
    contexts: viaServices.map((via) => ({ 'kms:ResourceAliases': aliases, ...via })),
  };
}

/** Logical id of the key the alias named `alias` points to. */
export function keyBehindAlias(stack: SynthesizedStack, alias: string): string {
  const found = Object.values(stack.template.Resources).filter(
    (r) => r.Type === 'AWS::KMS::Alias' && stack.resolver.resolve(r.Properties?.AliasName) === alias,
  );
  if (found.length !== 1) throw new Error(`expected one alias ${alias}, found ${found.length}`);
  return aliasTargetOf(found[0].Properties!);
}

// CDK points an alias at its key by Ref or by Fn::GetAtt Arn.
const aliasTargetOf = (alias: Record<string, { Ref?: string; 'Fn::GetAtt'?: string[] }>): string => {
  const target = alias.TargetKeyId;
  const id = target.Ref ?? target['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`alias target ${JSON.stringify(target)} is not a key of this template`);
  return id;
};

/** An object of bucket `bucketId`, under the bucket's policy. */
export function bucketObjectTarget(stack: SynthesizedStack, bucketId: string): Target {
  const policy = Object.values(stack.template.Resources).find(
    (r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties?.Bucket?.Ref === bucketId,
  );
  return {
    arn: `${stack.resolver.arnOf(bucketId)}/tenant-1/record-1`,
    resourcePolicy: policy && stack.resolver.resolve(policy.Properties!.PolicyDocument),
    contexts: [{}],
  };
}

/** The DynamoDB table `tableId` (tables here carry no resource policy). */
export function tableTarget(stack: SynthesizedStack, tableId: string): Target {
  if (stack.template.Resources[tableId].Properties?.ResourcePolicy)
    throw new Error(`${tableId} has a resource policy this helper ignores`);
  return { arn: stack.resolver.arnOf(tableId), contexts: [{}] };
}

/** Whether `principal` may perform `action` on `target` in any of the target's contexts. */
export async function isAllowed(
  principal: Principal,
  action: string,
  target: Target,
  account: string,
): Promise<boolean> {
  for (const context of target.contexts) {
    const response = await runSimulation(
      {
        request: {
          principal: principal.arn ?? anonymousPrincipal,
          action,
          resource: { resource: target.arn, accountId: account },
          contextVariables: {
            'aws:SecureTransport': 'true',
            ...(principal.arn ? { 'aws:PrincipalArn': principal.arn, 'aws:PrincipalAccount': account } : {}),
            ...context,
          },
        },
        identityPolicies: principal.identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: target.resourcePolicy,
      },
      {},
    );
    if (response.resultType === 'error')
      throw new Error(`simulating ${action} on ${target.arn}: ${JSON.stringify(response.errors)}`);
    if (response.overallResult === 'Allowed') return true;
  }
  return false;
}
