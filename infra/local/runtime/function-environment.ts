import type { LocalCloud, LocalStack } from '../provisioning/local-cloud';
import { UnresolvableError } from '../provisioning/intrinsics';
import { resourcesOfType } from '../provisioning/template';

/** Variables the Lambda service reserves or that only mean something to a real Node start-up. */
const NOT_COPIED = new Set(['NODE_OPTIONS', 'AWS_NODEJS_CONNECTION_REUSE_ENABLED']);

/**
 * The environment the templates give the functions, resolved against the local resources
 * (LETHE_ACCOUNT becomes the local account, …). All handlers share one process locally, so the
 * variables of every function are merged; a variable that points at something with no local
 * counterpart (the Cognito user pool) is left out, so the code takes its local path.
 */
export function functionEnvironment(cloud: LocalCloud): { variables: Record<string, string>; notes: string[] } {
  const variables: Record<string, string> = {};
  const notes = new Set<string>();
  for (const stack of cloud.stacks)
    for (const [id] of resourcesOfType(stack.template, 'AWS::Lambda::Function')) {
      const own = environmentOfFunction(stack, id);
      for (const note of own.notes) notes.add(note);
      for (const [name, value] of Object.entries(own.variables)) {
        if (name in variables && variables[name] !== value)
          notes.add(`${name} differs between functions; the local runtime uses ${variables[name]}`);
        else variables[name] = value;
      }
    }
  return { variables, notes: [...notes] };
}

/** The environment the template gives one function, resolved against the local resources (see above). */
export function environmentOfFunction(
  stack: LocalStack,
  logicalId: string,
): { variables: Record<string, string>; notes: string[] } {
  const fn = stack.template.Resources?.[logicalId];
  const declared = ((fn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
    {}) as Record<string, unknown>;
  const variables: Record<string, string> = {};
  const notes: string[] = [];
  for (const [name, raw] of Object.entries(declared)) {
    if (NOT_COPIED.has(name)) continue;
    try {
      variables[name] = stack.resolveString(raw, `${logicalId} ${name}`);
    } catch (error) {
      if (!(error instanceof UnresolvableError)) throw error;
      notes.push(`${name} is not set locally: ${error.message}`);
    }
  }
  return { variables, notes };
}
