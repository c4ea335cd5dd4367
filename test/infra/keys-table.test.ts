import { Template } from 'aws-cdk-lib/assertions';
import { KeysTable } from '../../infra/constructs/keys-table';
import { dependencies, onlyResourceId, testStack } from './support';

describe('KeysTable', () => {
  it('holds one wrapped key per pk, expires by TTL, backs up for the PITR window and is CMK-encrypted', () => {
    // Prepare
    const stack = testStack();
    const { key } = dependencies(stack);
    // Act
    new KeysTable(stack, 'Keys', {
      tableName: 'acme-eu-central-1-keys',
      encryptionKey: key,
      pitrRecoveryPeriodDays: 21,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'acme-eu-central-1-keys',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 21 },
      SSESpecification: {
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [onlyResourceId(template, 'AWS::KMS::Key'), 'Arn'] },
      },
    });
  });
});
