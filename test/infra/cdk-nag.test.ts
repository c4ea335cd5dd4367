import { type Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp, CONTROL_STACK_NAME, NO_BUNDLING_CONTEXT } from '../../infra/app';
import type { Access, HandlerSpec } from '../../infra/config/handlers';

const FIXTURE = 'test/infra/fixtures/echo-handler.ts';
const EVERY_ACCESS: Access[] = [
  'records:rw',
  'keys:rw',
  'aggregates:rw',
  'directory:rw',
  'content:rw',
  'archive:rw',
  'exports:rw',
  'litigation:write',
  'kms:data',
];
const TAGGING_ONLY: Access[] = ['content:tag', 'archive:tag'];
/** Every kind of trigger, auth and access the registry can declare, so every acknowledgement path is exercised. */
const EVERYTHING: HandlerSpec[] = [
  { name: 'authorizer', entry: FIXTURE, authorizer: true, access: ['directory:r'] },
  { name: 'public-api', entry: FIXTURE, routes: [{ method: 'GET', path: '/v1/health', auth: 'none' }], access: [] },
  {
    name: 'operator-api',
    entry: FIXTURE,
    routes: [{ method: 'POST', path: '/v1/tenants', auth: 'iam' }],
    access: ['directory:rw', 'kms:data'],
  },
  {
    name: 'tenant-api',
    entry: FIXTURE,
    routes: [{ method: 'GET', path: '/v1/records/{id}', auth: 'tenant' }],
    access: ['records:r', 'content:r', 'archive:r', 'exports:r'],
  },
  { name: 'sweeper', entry: FIXTURE, schedule: 'sweep', access: EVERY_ACCESS },
  {
    name: 'waker',
    entry: FIXTURE,
    direct: true,
    schedule: 'wake-queued',
    asyncInvocation: { retryAttempts: 2, maxEventAgeSeconds: 900 },
    access: [],
  },
  {
    name: 'tagger-api',
    entry: FIXTURE,
    routes: [{ method: 'POST', path: '/v1/tags', auth: 'tenant' }],
    access: ['records:rw', ...TAGGING_ONLY],
  },
];

const findingsOf = (app: IConstruct) =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );

const allConstructs = (root: IConstruct): IConstruct[] => [root, ...root.node.children.flatMap(allConstructs)];

describe('cdk-nag AwsSolutions checks', () => {
  const everything = buildApp({ context: NO_BUNDLING_CONTEXT, handlers: EVERYTHING });

  it('pass on the whole app with no unacknowledged error', () => {
    // Prepare
    const app = buildApp({ context: NO_BUNDLING_CONTEXT });
    // Act
    app.synth(); // the registered plugin throws on any unacknowledged error
    // Assess
    expect(findingsOf(app)).toEqual([]);
  });

  it('pass with every kind of route, schedule and declared access in the registry', () => {
    // Act
    everything.synth();
    // Assess
    expect(findingsOf(everything)).toEqual([]);
  });

  it('every acknowledgement carries a written reason', () => {
    // Act
    const acknowledgements = allConstructs(everything).flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>))
        .map(([id, reason]) => [id.replace(/^Annotation::/i, ''), reason] as const),
    );
    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(acknowledgements.map(([id]) => id)).toContain(
      'AwsSolutions-IAM5[Resource::arn:aws:kms:us-east-1:<AWS::AccountId>:key/*]',
    );
    for (const [id, reason] of acknowledgements)
      expect({ id, reason: reason.length >= 40 }).toEqual({ id, reason: true });
  });

  it('fail synth when a resource breaks a rule nobody acknowledged', () => {
    // Prepare
    const app = buildApp({ context: NO_BUNDLING_CONTEXT });
    new s3.Bucket(app.node.findChild(CONTROL_STACK_NAME) as Stack, 'CarelessBucket');
    // Act
    const act = () => app.synth();
    // Assess
    expect(act).toThrow(/AwsSolutions-S1[\s\S]*CarelessBucket/);
  });
});
