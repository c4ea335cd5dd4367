import { accessGrant, type GrantTarget } from '../../infra/constructs/access-grants';
import type { Access } from '../../infra/config/handlers';

const TARGET: GrantTarget = {
  app: 'acme',
  account: '111122223333',
  partition: 'aws',
  homeRegion: 'eu-central-1',
  regions: ['eu-central-1', 'us-east-1'],
};

interface StatementJson {
  Action: string | string[];
  Resource: string | string[];
  Effect: string;
  Condition?: Record<string, Record<string, string>>;
}
const statementsOf = (access: Access): StatementJson[] =>
  accessGrant(access, TARGET).statements.map((s) => s.toStatementJson());
const list = (v: string | string[]) => ([] as string[]).concat(v);
const actions = (access: Access) => statementsOf(access).flatMap((s) => list(s.Action));
const resources = (access: Access) => statementsOf(access).flatMap((s) => list(s.Resource));

const EVERY_ACCESS: Access[] = [
  'records:r',
  'records:rw',
  'keys:r',
  'keys:rw',
  'aggregates:r',
  'aggregates:rw',
  'directory:r',
  'directory:rw',
  'content:r',
  'content:rw',
  'content:tag',
  'archive:r',
  'archive:rw',
  'archive:tag',
  'exports:r',
  'exports:rw',
  'litigation:write',
  'kms:data',
];

describe('access grants derived from the handler registry', () => {
  it('never grant a wildcard action', () => {
    for (const access of EVERY_ACCESS) expect(actions(access).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('records:rw reaches the records table and both its indexes in every configured region, by name', () => {
    const arns = resources('records:rw').filter((r) => r.includes(':dynamodb:'));
    expect(arns.sort()).toEqual(
      ['eu-central-1', 'us-east-1']
        .flatMap((region) => {
          const table = `arn:aws:dynamodb:${region}:111122223333:table/acme-${region}-records`;
          return [table, `${table}/index/byExpiry`, `${table}/index/bySubject`];
        })
        .sort(),
    );
    expect(actions('records:rw')).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query']),
    );
  });

  it('records:r can read but not change anything', () => {
    expect(actions('records:r').filter((a) => /Put|Update|Delete|Write|Encrypt|GenerateDataKey/.test(a))).toEqual([]);
  });

  it('table access may use the regional CMK only through DynamoDB and only the key behind the data alias', () => {
    const keyStatements = statementsOf('keys:rw').filter((s) => list(s.Resource).some((r) => r.includes(':kms:')));
    expect(keyStatements.map((s) => [s.Resource, s.Condition])).toEqual(
      ['eu-central-1', 'us-east-1'].map((region) => [
        `arn:aws:kms:${region}:111122223333:key/*`,
        {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/acme-${region}-data` },
          StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` },
        },
      ]),
    );
  });

  it('directory access stays in the home region and includes gsi1', () => {
    expect(resources('directory:rw').filter((r) => r.includes(':dynamodb:'))).toEqual([
      'arn:aws:dynamodb:eu-central-1:111122223333:table/acme-directory',
      'arn:aws:dynamodb:eu-central-1:111122223333:table/acme-directory/index/gsi1',
    ]);
  });

  it('content:rw reads, writes and deletes objects of the content bucket of each region, through S3-only key use', () => {
    expect(resources('content:rw').filter((r) => r.includes(':s3:'))).toEqual([
      'arn:aws:s3:::acme-111122223333-eu-central-1-content',
      'arn:aws:s3:::acme-111122223333-eu-central-1-content/*',
      'arn:aws:s3:::acme-111122223333-us-east-1-content',
      'arn:aws:s3:::acme-111122223333-us-east-1-content/*',
    ]);
    expect(actions('content:rw')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    expect(
      statementsOf('content:rw')
        .filter((s) => s.Condition)
        .every((s) => s.Condition!.StringEquals['kms:ViaService'].startsWith('s3.')),
    ).toBe(true);
  });

  it('content:tag and archive:tag may set object tags (and list, so a missing object is a 404), nothing else, and use no key', () => {
    for (const bucket of ['content', 'archive'] as const) {
      const access = `${bucket}:tag` as const;
      expect([...new Set(actions(access))].sort()).toEqual(['s3:ListBucket', 's3:PutObjectTagging']);
      expect(resources(access)).toEqual([
        `arn:aws:s3:::acme-111122223333-eu-central-1-${bucket}`,
        `arn:aws:s3:::acme-111122223333-eu-central-1-${bucket}/*`,
        `arn:aws:s3:::acme-111122223333-us-east-1-${bucket}`,
        `arn:aws:s3:::acme-111122223333-us-east-1-${bucket}/*`,
      ]);
    }
  });

  it('litigation:write may seal batches but never read them or decrypt', () => {
    expect([...new Set(actions('litigation:write'))].sort()).toEqual([
      'kms:Encrypt',
      'kms:GenerateDataKey',
      's3:PutObject',
      's3:PutObjectRetention',
    ]);
    expect(
      statementsOf('litigation:write')
        .filter((s) => s.Condition)
        .map((s) => s.Condition!['ForAnyValue:StringEquals']['kms:ResourceAliases']),
    ).toEqual(['alias/acme-eu-central-1-litigation', 'alias/acme-us-east-1-litigation']);
  });

  it('litigation:destroy may list and delete batch versions (Object Lock still guards them), never read or decrypt', () => {
    expect([...new Set(actions('litigation:destroy'))].sort()).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:ListBucket',
      's3:ListBucketVersions',
    ]);
    expect(resources('litigation:destroy')).toEqual([
      'arn:aws:s3:::acme-111122223333-eu-central-1-litigation',
      'arn:aws:s3:::acme-111122223333-eu-central-1-litigation/*',
      'arn:aws:s3:::acme-111122223333-us-east-1-litigation',
      'arn:aws:s3:::acme-111122223333-us-east-1-litigation/*',
    ]);
  });

  it("kms:data generates and unwraps data keys under each region's data CMK", () => {
    expect(statementsOf('kms:data')).toEqual(
      ['eu-central-1', 'us-east-1'].map((region) => ({
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
        Resource: `arn:aws:kms:${region}:111122223333:key/*`,
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/acme-${region}-data` } },
      })),
    );
  });
});
