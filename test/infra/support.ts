import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cdkJsonContext, NO_BUNDLING_CONTEXT } from '../../infra/app';
import { parseDeploymentConfig } from '../../infra/config/deployment';

/** A deployment whose every value differs from the defaults, so a test sees which one was used. */
export const TEST_CONFIG = parseDeploymentConfig({
  appName: 'acme',
  homeRegion: 'eu-central-1',
  regions: ['eu-central-1', 'us-east-1'],
  litigationRetentionDays: 3650,
  logRetentionDays: 30,
  sweepCron: { minute: '40', hour: '3' },
  pitrRecoveryPeriodDays: 21,
});

export const TEST_ACCOUNT = '111122223333';

/** A stack in a known account and region, with cdk.json's feature flags, in an app that never bundles. */
export function testStack(region = 'eu-central-1'): Stack {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  return new Stack(app, 'Test', { env: { account: TEST_ACCOUNT, region } });
}

/** The CMK and access-log bucket every secure bucket or table needs. */
export function dependencies(stack: Stack): { key: kms.Key; logs: s3.Bucket } {
  return { key: new kms.Key(stack, 'Key', { enableKeyRotation: true }), logs: new s3.Bucket(stack, 'Logs') };
}

/** Logical id of the only resource of `type` whose properties match, failing if there is not exactly one. */
export function onlyResourceId(template: Template, type: string, props: object = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
}

/** Asserts the bucket's policy denies every request not made over TLS 1.2 or later. */
export function expectTlsOnly(template: Template, bucketId: string): void {
  const denyFor = (condition: object) =>
    Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: condition });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucketId },
    PolicyDocument: {
      Statement: Match.arrayWith([
        denyFor({ Bool: { 'aws:SecureTransport': 'false' } }),
        denyFor({ NumericLessThan: { 's3:TlsVersion': 1.2 } }),
      ]),
    },
  });
}

/** Properties of the bucket named `name` (plain object, for exact comparisons of nested parts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function bucketNamed(template: Template, name: string): any {
  const found = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: name } }));
  if (found.length !== 1) throw new Error(`expected one bucket named ${name}, found ${found.length}`);
  return found[0].Properties;
}
