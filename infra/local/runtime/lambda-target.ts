import { ENTRY_METADATA, HANDLER_METADATA } from '../../constructs/lethe-function';
import type { LocalStack } from '../provisioning/local-cloud';

/** A Lambda function as the local runtime runs it: the source module the template's metadata names. */
export interface LambdaTarget {
  stackName: string;
  region: string;
  logicalId: string;
  functionName: string;
  functionArn: string;
  /** Module path relative to the repository root (`lethe:entry`). */
  entry: string;
  /** Export name (`lethe:handler`). */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
}

/** The function `logicalId` of `stack`, or a reason it cannot run locally. */
export function lambdaTarget(stack: LocalStack, logicalId: string): LambdaTarget | { problem: string } {
  const resource = stack.template.Resources?.[logicalId];
  if (resource?.Type !== 'AWS::Lambda::Function') return { problem: `${logicalId} is not an AWS::Lambda::Function` };
  const entry = resource.Metadata?.[ENTRY_METADATA];
  const handler = resource.Metadata?.[HANDLER_METADATA];
  if (typeof entry !== 'string' || typeof handler !== 'string')
    return { problem: `${logicalId} has no ${ENTRY_METADATA}/${HANDLER_METADATA} metadata naming its source module` };
  const props = resource.Properties ?? {};
  return {
    stackName: stack.stackName,
    region: stack.region,
    logicalId,
    functionName: stack.ref(logicalId),
    functionArn: stack.getAtt(logicalId, 'Arn'),
    entry,
    handler,
    timeoutSeconds: Number(props.Timeout ?? 3),
    memoryMb: Number(props.MemorySize ?? 128),
  };
}

/** The Lambda function a value (an integration Uri, a rule target Arn) points at with Fn::GetAtt/Ref. */
export function referencedFunction(stack: LocalStack, value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map((v) => referencedFunction(stack, v)).find(Boolean);
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const id = Array.isArray(v['Fn::GetAtt'])
    ? String(v['Fn::GetAtt'][0])
    : typeof v.Ref === 'string'
      ? v.Ref
      : undefined;
  if (id && stack.template.Resources?.[id]?.Type === 'AWS::Lambda::Function') return id;
  return Object.values(v)
    .map((x) => referencedFunction(stack, x))
    .find(Boolean);
}
