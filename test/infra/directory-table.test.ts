import { Template } from 'aws-cdk-lib/assertions';
import { DirectoryTable } from '../../infra/constructs/directory-table';
import { dependencies, testStack } from './support';

describe('DirectoryTable', () => {
  it('is keyed by pk and sk with gsi1 (gsi1pk, gsi1sk, all attributes), TTL, PITR and CMK encryption', () => {
    // Prepare
    const stack = testStack();
    const { key } = dependencies(stack);
    // Act
    new DirectoryTable(stack, 'Directory', {
      tableName: 'acme-directory',
      encryptionKey: key,
      pitrRecoveryPeriodDays: 21,
    });
    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'acme-directory',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 21 },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });
});
