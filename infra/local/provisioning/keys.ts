import type { KeyPolicy } from '../kms/key-policy';
import type { KeyStore } from '../kms/key-store';
import { defaultKeyPolicy } from '../kms/operations';
import type { LocalStack } from './local-cloud';
import { resourcesOfType } from './template';

export interface KeyProvisioning {
  created: string[];
  existing: string[];
  /** Roles a key policy of this stack names to kms:Decrypt: the legal-access role(s). */
  decryptRoles: string[];
}

/**
 * Creates every AWS::KMS::Key of a stack in the local KMS with its resolved key policy (so the
 * policy is enforced there), records the key ids for Ref/Fn::GetAtt, then every AWS::KMS::Alias.
 * Keys are found again by the template resource they came from, so re-running creates nothing.
 */
export function ensureKeys(store: KeyStore, stack: LocalStack, now: Date): KeyProvisioning {
  const result: KeyProvisioning = { created: [], existing: [], decryptRoles: [] };
  for (const [logicalId, resource] of resourcesOfType(stack.template, 'AWS::KMS::Key')) {
    const props = resource.Properties ?? {};
    const policy = props.KeyPolicy ? (stack.resolve(props.KeyPolicy) as KeyPolicy) : defaultKeyPolicy(store.account);
    const description = props.Description ? stack.resolveString(props.Description, `${logicalId}.Description`) : '';
    const { key, created } = store.ensureKey(stack.region, {
      description,
      policy,
      source: { stackName: stack.stackName, logicalId },
      now,
    });
    stack.setKeyId(logicalId, key.keyId);
    (created ? result.created : result.existing).push(`${logicalId} (${key.keyId})`);
    result.decryptRoles.push(...rolesAllowedToDecrypt(policy));
  }
  for (const [logicalId, resource] of resourcesOfType(stack.template, 'AWS::KMS::Alias')) {
    const name = stack.resolveString(resource.Properties?.AliasName, `${logicalId}.AliasName`);
    const target = stack.resolveString(resource.Properties?.TargetKeyId, `${logicalId}.TargetKeyId`);
    const key = store.findKey(stack.region, target);
    if (!key)
      throw new Error(
        `${stack.stackName}/${logicalId}: alias ${name} targets ${target}, which is not a key of ${stack.region}`,
      );
    if (store.alias(stack.region, name)) {
      result.existing.push(name);
      continue;
    }
    store.addAlias({ region: stack.region, name, keyId: key.keyId, createdAt: now.toISOString() });
    result.created.push(name);
  }
  return result;
}

/** Role ARNs that an Allow statement names, by ARN, for kms:Decrypt itself (not kms:*). */
function rolesAllowedToDecrypt(policy: KeyPolicy): string[] {
  return policy.Statement.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('kms:Decrypt'))
    .flatMap((s) => (s.Principal === '*' ? [] : [s.Principal?.AWS ?? []].flat()))
    .filter((arn) => /^arn:aws:iam::\d{12}:role\//.test(arn));
}
