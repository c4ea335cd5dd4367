import { Match, Template } from 'aws-cdk-lib/assertions';
import { RecordsTable } from '../../infra/constructs/records-table';
import { dependencies, onlyResourceId, testStack } from './support';

describe('RecordsTable', () => {
  const stack = testStack();
  const { key } = dependencies(stack);
  new RecordsTable(stack, 'Records', {
    tableName: 'acme-eu-central-1-records',
    encryptionKey: key,
    pitrRecoveryPeriodDays: 21,
  });
  const template = Template.fromStack(stack);
  const keyId = onlyResourceId(template, 'AWS::KMS::Key');

  it('is keyed by pk and sk, with TTL on expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'acme-eu-central-1-records',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps point-in-time backups for exactly the configured window', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 21 },
    });
  });

  it('is encrypted with the regional CMK and cannot be deleted by accident', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        DeletionProtectionEnabled: true,
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('has byExpiry (expiryBucket, expiresAt) and bySubject (subjectKey, pk) exactly as the storage layout says', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'expiryBucket', AttributeType: 'S' },
        { AttributeName: 'expiresAt', AttributeType: 'N' },
        { AttributeName: 'subjectKey', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byExpiry',
          KeySchema: [
            { AttributeName: 'expiryBucket', KeyType: 'HASH' },
            { AttributeName: 'expiresAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'bySubject',
          KeySchema: [
            { AttributeName: 'subjectKey', KeyType: 'HASH' },
            { AttributeName: 'pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['kind', 'class'] },
        },
      ],
    });
  });
});
