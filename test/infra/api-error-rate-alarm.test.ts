import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { ApiErrorRateAlarm } from '../../infra/constructs/api-error-rate-alarm';
import { testStack } from './support';

describe('ApiErrorRateAlarm', () => {
  it("fires when more than 5 % of the API's requests answer 5xx for two 5-minute periods", () => {
    // Prepare
    const stack = testStack();
    const api = new apigw.RestApi(stack, 'Api', { restApiName: 'acme-api', cloudWatchRole: false });
    api.root.addMethod('GET');
    // Act
    new ApiErrorRateAlarm(stack, 'Rate', { alarmName: 'acme-api-5xx-rate', api });
    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'acme-api-5xx-rate',
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'ApiName', Value: 'acme-api' }],
      Statistic: 'Average',
      Period: 300,
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      TreatMissingData: 'notBreaching',
    });
  });
});
