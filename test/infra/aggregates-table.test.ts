import { Template } from 'aws-cdk-lib/assertions';
import { AggregatesTable } from '../../infra/constructs/aggregates-table';
import { dependencies, onlyResourceId, testStack } from './support';

describe('AggregatesTable', () => {
  it('counts per pk and sk, expires by TTL, backs up for the PITR window and is CMK-encrypted', () => {
    // Prepare
    const stack = testStack();
    const { key } = dependencies(stack);
    // Act
    new AggregatesTable(stack, 'Aggregates', {
      tableName: 'acme-eu-central-1-aggregates',
      encryptionKey: key,
      pitrRecoveryPeriodDays: 21,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'acme-eu-central-1-aggregates',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 21 },
      SSESpecification: {
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [onlyResourceId(template, 'AWS::KMS::Key'), 'Arn'] },
      },
    });
  });
});
