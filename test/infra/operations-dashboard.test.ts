import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OperationsDashboard } from '../../infra/constructs/operations-dashboard';
import { testStack } from './support';

describe('OperationsDashboard', () => {
  it('shows the API, every function and the business metrics of this deployment on one page', () => {
    // Prepare
    const stack = testStack();
    const api = new apigw.RestApi(stack, 'Api', { restApiName: 'acme-api', cloudWatchRole: false });
    api.root.addMethod('GET');
    const fn = (name: string) =>
      new lambda.Function(stack, name, {
        functionName: `acme-${name}`,
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {}'),
      });
    // Act
    new OperationsDashboard(stack, 'Ops', {
      dashboardName: 'acme-operations',
      service: 'acme',
      api,
      functions: new Map([
        ['sweep', fn('sweep')],
        ['worker', fn('worker')],
      ]),
    });
    // Assess
    const dashboards = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards.map((d) => d.Properties.DashboardName)).toEqual(['acme-operations']);
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    for (const expected of [
      '5XXError',
      'RecordsDeleted',
      'RecordsSealed',
      'SubjectRequestsOverdue',
      'HoldsPlaced',
      'SweepsCompleted',
      '\\"label\\":\\"sweep\\"',
      '\\"label\\":\\"worker\\"',
    ])
      expect({ expected, shown: body.includes(expected) }).toEqual({ expected, shown: true });
    expect(body).toContain('service=\\\\\\"acme\\\\\\"');
  });
});
