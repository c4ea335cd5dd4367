import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './nag';
import { SecureBucket } from './secure-bucket';

export interface LitigationVaultProps {
  bucketName: string;
  /** `alias/<app>-<region>-litigation`: writers find the key by this alias. */
  keyAlias: string;
  legalRoleName: string;
  /** Object Lock default retention in compliance mode: nobody, root included, can shorten it. */
  retentionDays: number;
  /** ARNs allowed to assume the legal-access role; empty means the account's MFA-signed principals. */
  legalAccessPrincipals: readonly string[];
  serverAccessLogsBucket: s3.IBucket;
}

/** Key administration without any cryptographic use: root can manage the key, never read with it. */
const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:ListKeyPolicies',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/**
 * The litigation archive of one region: an Object Lock bucket (compliance mode) whose batches are
 * sealed under a key of its own. Any role IAM allows may seal (encrypt, generate data keys), but
 * the key policy lets only the legal-access role decrypt, and denies decryption to every other
 * principal outright so no IAM policy or grant can open it.
 */
export class LitigationVault extends Construct {
  readonly key: kms.Key;
  readonly bucket: SecureBucket;
  readonly legalRole: iam.Role;

  constructor(scope: Construct, id: string, props: LitigationVaultProps) {
    super(scope, id);
    this.legalRole = new iam.Role(this, 'LegalAccessRole', {
      roleName: props.legalRoleName,
      description: 'The only principal that may decrypt the litigation archive.',
      assumedBy: legalPrincipal(props.legalAccessPrincipals),
      maxSessionDuration: Duration.hours(1),
    });

    this.key = new kms.Key(this, 'Key', {
      alias: props.keyAlias,
      description: 'Seals the litigation archive; only the legal-access role may decrypt.',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AdministerWithoutUse',
            principals: [new iam.AccountRootPrincipal()],
            actions: KEY_ADMIN_ACTIONS,
            resources: ['*'],
          }),
          // Sealing is envelope encryption by the KeyVault (GenerateDataKey, Encrypt) plus SSE-KMS
          // on put; IAM decides which roles may (the registry's `litigation:write`).
          new iam.PolicyStatement({
            sid: 'SealThroughIam',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'LegalAccessDecrypts',
            principals: [new iam.ArnPrincipal(this.legalRole.roleArn)],
            actions: ['kms:Decrypt'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'NobodyElseDecrypts',
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
            resources: ['*'],
            conditions: { StringNotEquals: { 'aws:PrincipalArn': this.legalRole.roleArn } },
          }),
        ],
      }),
    });

    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryptionKey: this.key,
      // Per-object KMS calls put every seal and every opening in CloudTrail with the object's ARN.
      bucketKeyEnabled: false,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: 'litigation/',
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      // Versions stay locked until their retention ends; lifecycle removes them only after that.
      noncurrentVersionDays: 1,
      lifecycleRules: [{ id: 'after-retention', expiration: Duration.days(props.retentionDays + 1) }],
    });

    const readSealed = new iam.PolicyStatement({
      actions: [
        's3:GetObject',
        's3:GetObjectVersion',
        's3:GetObjectRetention',
        's3:GetObjectLegalHold',
        's3:PutObjectLegalHold',
      ],
      resources: [this.bucket.arnForObjects('*')],
    });
    this.legalRole.addToPolicy(readSealed);
    this.legalRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.legalRole.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn] }));
    acknowledgeWildcardResources(
      this.legalRole,
      readSealed,
      'The legal-access role reads any sealed batch of its own litigation bucket; batches are objects named per tenant and batch.',
    );
  }
}

function legalPrincipal(arns: readonly string[]): iam.IPrincipal {
  if (arns.length === 0)
    return new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  return new iam.CompositePrincipal(...arns.map((arn) => new iam.ArnPrincipal(arn)));
}
