import { Template } from 'aws-cdk-lib/assertions';
import { DataKey } from '../../infra/constructs/data-key';
import { testStack } from './support';

describe('DataKey', () => {
  it('is a rotated customer-managed key found by its resource-names alias and kept when the stack goes', () => {
    // Prepare
    const stack = testStack();
    // Act
    new DataKey(stack, 'DataKey', { alias: 'alias/acme-eu-central-1-data', description: 'test' });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/acme-eu-central-1-data' });
  });
});
