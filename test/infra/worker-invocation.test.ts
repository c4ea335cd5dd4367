import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS, validateHandlers, type HandlerSpec } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

/** The functions that start subject-request jobs: filing (API), waking the next queued one (worker), re-applying after a hold (holds). */
const STARTERS = ['subject-requests-api', 'subject-request-worker', 'holds-api'];
const WORKER_NAME = 'acme-subject-request-worker';
const WORKER_ARN = `arn:aws:lambda:eu-central-1:${TEST_ACCOUNT}:function:${WORKER_NAME}`;
/** The offboarding function builds export packages in invocations of itself. */
const OFFBOARDING = 'offboarding-api';
const OFFBOARDING_NAME = 'acme-offboarding-api';
const OFFBOARDING_ARN = `arn:aws:lambda:eu-central-1:${TEST_ACCOUNT}:function:${OFFBOARDING_NAME}`;

type Json = Record<string, unknown>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** A value with the partition pseudo-parameter resolved as in the commercial partition (`Fn::Join` of strings and `AWS::Partition`). */
function resolved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolved);
  if (value && typeof value === 'object') {
    const o = value as Json;
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      const strings = parts.map(resolved);
      return strings.every((p) => typeof p === 'string') ? strings.join(sep) : { 'Fn::Join': [sep, strings] };
    }
    if (o.Ref === 'AWS::Partition') return 'aws';
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolved(v)]));
  }
  return value;
}

const actionsOf = (s: Statement) => ([] as string[]).concat(s.Action);

describe('starting jobs in AWS: the subject-request worker and the offboarding package builds, Lambdas invoked asynchronously', () => {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const functions = template.findResources('AWS::Lambda::Function');
  const functionId = (name: string) =>
    onlyResourceId(template, 'AWS::Lambda::Function', { FunctionName: `acme-${name}` });
  const roleOf = (name: string) =>
    onlyResourceId(template, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp(`^Runs acme-${name};`) });
  /** Every statement of every policy, with the role it is attached to. */
  const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
      roles: (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref),
      statement: resolved(s) as Statement,
    })),
  );
  const invokeStatements = statements.filter(({ statement }) =>
    actionsOf(statement).some((a) => a.startsWith('lambda:')),
  );

  it("passes the worker's function name as LETHE_SUBJECT_REQUEST_WORKER to the functions that start jobs, and to no other", () => {
    const withVariable = Object.values(functions)
      .filter((f) => f.Properties.Environment?.Variables?.LETHE_SUBJECT_REQUEST_WORKER !== undefined)
      .map((f) => [f.Properties.FunctionName, f.Properties.Environment.Variables.LETHE_SUBJECT_REQUEST_WORKER]);
    expect(withVariable.sort()).toEqual(STARTERS.map((name) => [`acme-${name}`, WORKER_NAME]).sort());
  });

  it("the worker's name is the name of the deployed worker function", () => {
    expect(functions[functionId('subject-request-worker')].Properties.FunctionName).toBe(WORKER_NAME);
  });

  it('lets each job starter invoke exactly the worker function: lambda:InvokeFunction on its unqualified ARN, nothing more', () => {
    for (const name of STARTERS) {
      const ofRole = invokeStatements
        .filter(({ roles }) => roles.includes(roleOf(name)))
        .map(({ statement }) => statement);
      expect(ofRole).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: WORKER_ARN }]);
    }
  });

  it('grants no other function any Lambda action', () => {
    // The offboarding function's invocation of itself is checked below.
    const starterRoles = [...STARTERS, OFFBOARDING].map(roleOf);
    const others = invokeStatements.filter(({ roles }) => roles.some((r) => !starterRoles.includes(r)));
    expect(others).toEqual([]);
    expect(Object.keys(functions)).toHaveLength(HANDLERS.length); // every registry entry was looked at
  });

  it('names the worker by plain string in its own policy and environment, so the worker does not depend on itself (no circular dependency)', () => {
    const worker = functionId('subject-request-worker');
    const ownPolicies = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: roleOf('subject-request-worker') }] },
      }),
    );
    expect(ownPolicies.length).toBeGreaterThan(0);
    expect(JSON.stringify(ownPolicies)).not.toContain(worker);
    expect(JSON.stringify(functions[worker].Properties.Environment)).not.toContain(worker);
  });

  it('lets the offboarding function invoke itself and nothing else, by a name in LETHE_OFFBOARDING_FUNCTION that no other function gets', () => {
    // Prepare
    const offboarding = functionId(OFFBOARDING);
    const ownPolicies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleOf(OFFBOARDING) }] } }),
    );
    const withVariable = Object.values(functions).filter(
      (f) => f.Properties.Environment?.Variables?.LETHE_OFFBOARDING_FUNCTION !== undefined,
    );

    // Assess: one statement, on its own unqualified ARN
    const ofRole = invokeStatements
      .filter(({ roles }) => roles.includes(roleOf(OFFBOARDING)))
      .map(({ statement }) => statement);
    expect(ofRole).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: OFFBOARDING_ARN }]);
    // Assess: its own name, as a plain string (no reference to itself: no circular dependency)
    expect(
      withVariable.map((f) => [
        f.Properties.FunctionName,
        f.Properties.Environment.Variables.LETHE_OFFBOARDING_FUNCTION,
      ]),
    ).toEqual([[OFFBOARDING_NAME, OFFBOARDING_NAME]]);
    expect(JSON.stringify(ownPolicies)).not.toContain(offboarding);
    expect(JSON.stringify(functions[offboarding].Properties.Environment)).not.toContain(offboarding);
  });

  it('gives the offboarding function the 15 minutes a package build may take', () => {
    expect(functions[functionId(OFFBOARDING)].Properties.Timeout).toBe(900);
  });

  it('refuses a registry whose offboarding function cannot be invoked directly to build its packages', () => {
    // Prepare
    const registry: HandlerSpec[] = HANDLERS.map((h) => (h.name === OFFBOARDING ? { ...h, direct: undefined } : h));
    // Act
    const act = () => validateHandlers(registry, PROJECT_ROOT);
    // Assess
    expect(act).toThrow(/offboarding-api: offboarding:invoke needs the offboarding-api handler, invoked directly/);
  });

  it('refuses a registry whose job starters have no directly invoked worker to start', () => {
    // Prepare
    const registry: HandlerSpec[] = HANDLERS.filter((h) => h.name !== 'subject-request-worker');
    // Act
    const act = () => validateHandlers(registry, PROJECT_ROOT);
    // Assess
    expect(act).toThrow(/subject-requests-api: jobs:invoke needs the subject-request-worker handler, invoked directly/);
  });
});
