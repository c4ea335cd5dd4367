import { Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
// cdk-nag names each wildcard finding by this flattening; using the same function keeps our
// acknowledgements exact (one per resource, never a blanket IAM5).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges AwsSolutions-IAM5 for each wildcard resource of `statement` (an object ARN such as
 * `bucket/*`, or `key/*` narrowed by an alias condition), on the construct that owns the policy.
 */
export function acknowledgeWildcardResources(owner: IConstruct, statement: iam.PolicyStatement, reason: string): void {
  const stack = Stack.of(owner);
  for (const resource of statement.resources) {
    const flat = flattenCfnReference(stack.resolve(resource));
    if (flat.includes('*')) Validations.of(owner).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
  }
}
