import * as iam from 'aws-cdk-lib/aws-iam';
import {
  homeResourceNames,
  regionalResourceNames,
  type HomeResourceNames,
  type RegionalResourceNames,
} from '../../functions/shared/resource-names';
import { functionNameOf, INVOKE_TARGETS, type Access } from '../config/handlers';
import { DIRECTORY_INDEXES } from './directory-table';
import { RECORDS_INDEXES } from './records-table';

/** Where the grants point: resources are found by name, never by cross-stack reference. */
export interface GrantTarget {
  app: string;
  /** Account id or the `AWS::AccountId` token. */
  account: string;
  partition: string;
  homeRegion: string;
  regions: readonly string[];
  /** The staff user pool (same stack as the functions), for `staff:manage`. */
  userPoolArn?: string;
}

/** The IAM statements one declared access needs, why their wildcard resources are acceptable, and the variables naming what it reaches. */
export interface AccessGrant {
  statements: iam.PolicyStatement[];
  wildcardReason: string;
  /** Environment variables the function needs to use the access (e.g. the name of the function it may invoke). */
  environment?: Record<string, string>;
}

type Mode = 'r' | 'rw' | 'tag' | 'scan';
type Placement =
  | { home: true; name: (n: HomeResourceNames) => string }
  | { home: false; name: (n: RegionalResourceNames) => string };

const TABLES: Record<string, Placement & { indexes: readonly string[] }> = {
  records: { home: false, name: (n) => n.recordsTable, indexes: Object.values(RECORDS_INDEXES) },
  keys: { home: false, name: (n) => n.keysTable, indexes: [] },
  aggregates: { home: false, name: (n) => n.aggregatesTable, indexes: [] },
  directory: { home: true, name: (n) => n.directoryTable, indexes: Object.values(DIRECTORY_INDEXES) },
};

const BUCKETS: Record<string, Placement & { extraWrite: readonly string[] }> = {
  content: { home: false, name: (n) => n.contentBucket, extraWrite: [] },
  // Objects in Deep Archive must be restored before the CSV export can read them.
  archive: { home: false, name: (n) => n.archiveBucket, extraWrite: ['s3:RestoreObject'] },
  exports: { home: true, name: (n) => n.exportBucket, extraWrite: [] },
};

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const OBJECT_READ = ['s3:GetObject', 's3:GetObjectVersion'];
// Erasure and retention delete every version of an object, not just the current one. Tagging: objects are written
// with, and the sweep re-tags, the tag the lifecycle backstop filters on (functions/domain/retention/content-backstop.ts);
// legal holds re-tag through the `tag` mode alone (bucketTagGrant).
const OBJECT_WRITE = ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject', 's3:DeleteObjectVersion'];
/** What DynamoDB and S3 ask KMS for on the caller's behalf when a resource uses a CMK. */
const CMK_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const CMK_WRITE = ['kms:Encrypt', 'kms:GenerateDataKey'];

const KEY_BY_ALIAS =
  'KMS keys are generated in the regional stacks, so they are addressed as key/* narrowed to one alias by kms:ResourceAliases';

/** Statements for one declared access, in every region it applies to. */
export function accessGrant(access: Access, target: GrantTarget): AccessGrant {
  const [what, mode] = access.split(':') as [string, string];
  if (what === 'kms') return dataKeyGrant(target);
  if (access === 'jobs:invoke' || access === 'offboarding:invoke') return invokeGrant(target, INVOKE_TARGETS[access]);
  if (access === 'litigation:destroy') return litigationDestroyGrant(target);
  if (what === 'litigation') return litigationGrant(target);
  if (access === 'staff:manage') return staffGrant(target);
  if (what in TABLES) return tableGrant(TABLES[what], mode as Mode, target);
  if (what in BUCKETS) return bucketGrant(BUCKETS[what], mode as Mode, target);
  throw new Error(`unknown access ${access}`);
}

interface Place {
  region: string;
  name: string;
  dataKeyAlias: string;
}

function placesOf(p: Placement, t: GrantTarget): Place[] {
  const regional = (region: string) => regionalResourceNames(t.app, t.account, region);
  if (p.home)
    return [
      {
        region: t.homeRegion,
        name: p.name(homeResourceNames(t.app, t.account, t.homeRegion)),
        dataKeyAlias: regional(t.homeRegion).dataKeyAlias,
      },
    ];
  return t.regions.map((region) => ({
    region,
    name: p.name(regional(region)),
    dataKeyAlias: regional(region).dataKeyAlias,
  }));
}

const arn = (t: GrantTarget, service: string, region: string, resource: string) =>
  `arn:${t.partition}:${service}:${region}:${t.account}:${resource}`;

/** A KMS statement on the key behind `alias` in `region`, optionally only through one AWS service. */
function keyStatement(
  t: GrantTarget,
  region: string,
  alias: string,
  actions: string[],
  viaService?: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions,
    resources: [arn(t, 'kms', region, 'key/*')],
    conditions: {
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias },
      ...(viaService ? { StringEquals: { 'kms:ViaService': `${viaService}.${region}.amazonaws.com` } } : {}),
    },
  });
}

function tableGrant(table: (typeof TABLES)[string], mode: Mode, t: GrantTarget): AccessGrant {
  if (mode === 'scan') return tableScanGrant(table, t);
  const statements = placesOf(table, t).flatMap(({ region, name, dataKeyAlias }) => {
    const tableArn = arn(t, 'dynamodb', region, `table/${name}`);
    return [
      new iam.PolicyStatement({
        actions: mode === 'rw' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ,
        resources: [tableArn, ...table.indexes.map((i) => `${tableArn}/index/${i}`)],
      }),
      keyStatement(t, region, dataKeyAlias, mode === 'rw' ? [...CMK_READ, ...CMK_WRITE] : CMK_READ, 'dynamodb'),
    ];
  });
  return { statements, wildcardReason: `${KEY_BY_ALIAS}, and usable only through DynamoDB (kms:ViaService).` };
}

/** Scan of the table itself (no index), and the CMK reads it needs through DynamoDB. */
function tableScanGrant(table: (typeof TABLES)[string], t: GrantTarget): AccessGrant {
  const statements = placesOf(table, t).flatMap(({ region, name, dataKeyAlias }) => [
    new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [arn(t, 'dynamodb', region, `table/${name}`)] }),
    keyStatement(t, region, dataKeyAlias, CMK_READ, 'dynamodb'),
  ]);
  return { statements, wildcardReason: `${KEY_BY_ALIAS}, and usable only through DynamoDB (kms:ViaService).` };
}

function bucketGrant(bucket: (typeof BUCKETS)[string], mode: Mode, t: GrantTarget): AccessGrant {
  if (mode === 'tag') return bucketTagGrant(bucket, t);
  const statements = placesOf(bucket, t).flatMap(({ region, name, dataKeyAlias }) => {
    const bucketArn = `arn:${t.partition}:s3:::${name}`;
    return [
      new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:ListBucketVersions'], resources: [bucketArn] }),
      new iam.PolicyStatement({
        actions: mode === 'rw' ? [...OBJECT_READ, ...OBJECT_WRITE, ...bucket.extraWrite] : OBJECT_READ,
        resources: [`${bucketArn}/*`],
      }),
      keyStatement(t, region, dataKeyAlias, mode === 'rw' ? [...CMK_READ, ...CMK_WRITE] : CMK_READ, 's3'),
    ];
  });
  return {
    statements,
    wildcardReason: `Objects of one named bucket are keyed per tenant and record at run time (bucket/*). ${KEY_BY_ALIAS}, and usable only through S3 (kms:ViaService).`,
  };
}

/**
 * Re-tag objects of one bucket kind, and nothing else: no read, write or delete, no KMS (tags are
 * not encrypted with the object). ListBucket only so that tagging a missing object answers 404,
 * which the store treats as nothing to keep, instead of 403.
 */
function bucketTagGrant(bucket: (typeof BUCKETS)[string], t: GrantTarget): AccessGrant {
  const statements = placesOf(bucket, t).flatMap(({ name }) => {
    const bucketArn = `arn:${t.partition}:s3:::${name}`;
    return [
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn] }),
      new iam.PolicyStatement({ actions: ['s3:PutObjectTagging'], resources: [`${bucketArn}/*`] }),
    ];
  });
  return {
    statements,
    wildcardReason: 'Objects of one named bucket are keyed per tenant and record at run time (bucket/*); tagging only.',
  };
}

/** Seal batches into the vault: envelope-encrypt under the litigation key, put objects; never read or decrypt. */
function litigationGrant(t: GrantTarget): AccessGrant {
  const statements = t.regions.flatMap((region) => {
    const names = regionalResourceNames(t.app, t.account, region);
    return [
      // Each batch carries its own Object Lock retention (the tenant's litigation retention).
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:PutObjectRetention'],
        resources: [`arn:${t.partition}:s3:::${names.litigationBucket}/*`],
      }),
      keyStatement(t, region, names.litigationKeyAlias, CMK_WRITE),
    ];
  });
  return {
    statements,
    wildcardReason: `Sealed batches are objects named per tenant and batch at run time (bucket/*). ${KEY_BY_ALIAS}; encrypt and generate data keys only.`,
  };
}

/**
 * Destroy batches whose retention ended: list and delete every version. Object Lock refuses it
 * for any version still under retention, whoever asks; nothing here can read or decrypt a batch.
 */
function litigationDestroyGrant(t: GrantTarget): AccessGrant {
  const statements = t.regions.flatMap((region) => {
    const bucketArn = `arn:${t.partition}:s3:::${regionalResourceNames(t.app, t.account, region).litigationBucket}`;
    return [
      new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:ListBucketVersions'], resources: [bucketArn] }),
      new iam.PolicyStatement({
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [`${bucketArn}/*`],
      }),
    ];
  });
  return {
    statements,
    wildcardReason:
      'Sealed batches are objects named per tenant and batch at run time (bucket/*); Object Lock still guards each until its retention ends.',
  };
}

/** Generate and unwrap the tenants' key-encryption keys (which wrap the per-partition data keys locally) and wrap their secrets. */
function dataKeyGrant(t: GrantTarget): AccessGrant {
  const statements = t.regions.map((region) =>
    keyStatement(t, region, regionalResourceNames(t.app, t.account, region).dataKeyAlias, [
      'kms:GenerateDataKey',
      'kms:Encrypt',
      'kms:Decrypt',
    ]),
  );
  return { statements, wildcardReason: `${KEY_BY_ALIAS}.` };
}

/**
 * Start jobs in an invocation of their own: invoke the one function that runs them (the
 * subject-request worker, the offboarding function), and only it. Its ARN is built from its
 * deterministic name (functionNameOf), never taken from the function construct: a function may
 * hold the access to invoke itself (the worker starts the queued request it wakes; the offboarding
 * function starts its package builds), and a reference from its own role's policy or its own
 * environment to its ARN would be a circular dependency in CloudFormation (the function depends on
 * its role's policy, which would depend on the function). A plain name breaks the cycle and still
 * names exactly one function; the unqualified ARN also covers no alias or version.
 */
function invokeGrant(t: GrantTarget, target: { handler: string; variable: string }): AccessGrant {
  const name = functionNameOf(t.app, target.handler);
  return {
    statements: [
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [arn(t, 'lambda', t.homeRegion, `function:${name}`)],
      }),
    ],
    wildcardReason: 'No wildcard: one function, by name.',
    environment: { [target.variable]: name },
  };
}

/** What the user directory asks of Cognito (functions/adapters/cognito/user-directory.ts), on the staff pool alone. */
export const STAFF_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminUserGlobalSignOut',
];

function staffGrant(t: GrantTarget): AccessGrant {
  if (!t.userPoolArn) throw new Error('staff:manage needs the user pool (GrantTarget.userPoolArn)');
  return {
    statements: [new iam.PolicyStatement({ actions: STAFF_DIRECTORY_ACTIONS, resources: [t.userPoolArn] })],
    wildcardReason: 'No wildcard: one user pool.',
  };
}
