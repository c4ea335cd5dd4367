import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FunctionAlarms } from '../../infra/constructs/function-alarms';
import { onlyResourceId, testStack } from './support';

describe('FunctionAlarms', () => {
  const stack = testStack();
  const fn = new lambda.Function(stack, 'Fn', {
    functionName: 'acme-worker',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  new FunctionAlarms(stack, 'WorkerAlarms', { functionName: 'acme-worker', function: fn });
  const template = Template.fromStack(stack);
  const fnId = onlyResourceId(template, 'AWS::Lambda::Function');

  it.each([
    ['acme-worker-errors', 'Errors'],
    ['acme-worker-throttles', 'Throttles'],
  ])(
    '%s fires as soon as one invocation counts in %s within 5 minutes, and stays quiet without data',
    (alarmName, metricName) => {
      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: alarmName,
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    },
  );
});
