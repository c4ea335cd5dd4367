import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { buildApp, CONTROL_STACK_NAME, NO_BUNDLING_CONTEXT } from '../../../infra/app';
import { deploymentConfig } from '../../../infra/config/lethe.config';
import { BACKSTOP_TAG } from '../../../functions/domain/retention/content-backstop';
import { ARCHIVE_BACKSTOP_DAYS } from '../../../infra/constructs/archive-bucket';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const resourcesOf = (stack: CloudFormationStackArtifact) =>
  Object.entries(stack.template.Resources as Record<string, Resource>);
const bucketEndingWith = (stack: CloudFormationStackArtifact, suffix: string) =>
  resourcesOf(stack).find(
    ([, r]) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties.BucketName ?? '').endsWith(`${suffix}"]]}`),
  )![1].Properties;

/**
 * What the local S3 emulator cannot show (it ignores Object Lock and lifecycle rules), asserted
 * on the synthesized templates of the whole app, as deployed.
 */
describe('retention in the synthesized templates', () => {
  delete process.env.CDK_DEFAULT_ACCOUNT;
  const assembly = buildApp({ context: NO_BUNDLING_CONTEXT }).synth();
  const control = assembly.getStackByName(CONTROL_STACK_NAME);

  it('the nightly schedule invokes the retention sweep', () => {
    const resources = new Map(resourcesOf(control));
    const rule = [...resources.values()].find(
      (r) => r.Type === 'AWS::Events::Rule' && String(r.Properties.ScheduleExpression).startsWith('cron('),
    )!;
    const target = rule.Properties.Targets[0].Arn['Fn::GetAtt'][0] as string;
    expect(rule.Properties.ScheduleExpression).toBe(
      `cron(${deploymentConfig.sweepCron.minute} ${deploymentConfig.sweepCron.hour} * * ? *)`,
    );
    expect(resources.get(target)!.Metadata!['lethe:entry']).toBe('functions/handlers/retention-sweep.ts');
    expect(resources.get(target)!.Properties.Timeout).toBe(900);
  });

  it.each(deploymentConfig.regions)(
    '%s: litigation batches are locked in compliance mode for the litigation retention, then expire',
    (region) => {
      const litigation = bucketEndingWith(assembly.getStackByName(`Lethe-Data-${region}`), `-${region}-litigation`);
      expect(litigation.ObjectLockEnabled).toBe(true);
      expect(litigation.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
        Mode: 'COMPLIANCE',
        Days: deploymentConfig.litigationRetentionDays,
      });
      expect(litigation.LifecycleConfiguration.Rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ExpirationInDays: deploymentConfig.litigationRetentionDays + 1,
            Status: 'Enabled',
          }),
        ]),
      );
    },
  );

  it.each(deploymentConfig.regions)(
    '%s: the archive tier moves to archive storage classes, with an expiration backstop beyond the longest archive life that spares held copies',
    (region) => {
      const archive = bucketEndingWith(assembly.getStackByName(`Lethe-Data-${region}`), `-${region}-archive`);
      const rules: Array<Record<string, any>> = archive.LifecycleConfiguration.Rules; // eslint-disable-line @typescript-eslint/no-explicit-any
      const tiers = rules.find((r) => r.Id === 'archive-tiers')!;
      expect(tiers.Transitions.map((t: { StorageClass: string }) => t.StorageClass)).toEqual([
        'GLACIER_IR',
        'DEEP_ARCHIVE',
      ]);
      expect(rules.find((r) => r.Id === 'archive-backstop')).toMatchObject({
        ExpirationInDays: ARCHIVE_BACKSTOP_DAYS,
        TagFilters: [{ Key: BACKSTOP_TAG, Value: 'on' }],
      });
      // 100 days of raw events + 2 years archived (Inbenta) fit before the backstop.
      expect(ARCHIVE_BACKSTOP_DAYS).toBeGreaterThan(100 + 2 * 366);
    },
  );

  it('the sweep may destroy batches but never read or decrypt them', () => {
    const sweepPolicy = resourcesOf(control)
      .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith('RetentionSweep'))
      .flatMap(
        ([, r]) => r.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
      );
    const onLitigation = sweepPolicy.filter((s) => JSON.stringify(s.Resource).includes('-litigation'));
    const actions = new Set(onLitigation.flatMap((s) => [s.Action].flat()));
    expect([...actions].sort()).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:ListBucket',
      's3:ListBucketVersions',
      's3:PutObject',
      's3:PutObjectRetention',
    ]);
  });
});
