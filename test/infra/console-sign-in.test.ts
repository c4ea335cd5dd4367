import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { CONSOLE_ASSETS_FUNCTION, type HandlerSpec } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { TEST_ACCOUNT, TEST_CONFIG } from './support';

const FIXTURE = 'test/infra/fixtures/echo-handler.ts';
const REGISTRY: HandlerSpec[] = [
  { name: 'authorizer', entry: FIXTURE, authorizer: true, access: ['directory:r'] },
  {
    name: CONSOLE_ASSETS_FUNCTION,
    entry: FIXTURE,
    routes: [{ method: 'GET', path: '/console', auth: 'none' }],
    access: [],
  },
  {
    name: 'records-api',
    entry: FIXTURE,
    routes: [{ method: 'GET', path: '/v1/interactions/{interactionId}', auth: 'tenant' }],
    access: ['records:r'],
  },
];

describe('the console sign-in settings', () => {
  // Prepare
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: REGISTRY,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const variablesOf = (name: string): Record<string, unknown> =>
    Object.values(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: `acme-${name}` } }))[0]
      .Properties.Environment.Variables;

  it("give the console's function the Cognito domain and the console URL the domain returns to", () => {
    // Act
    const variables = variablesOf(CONSOLE_ASSETS_FUNCTION);
    // Assess
    expect(JSON.stringify(variables.LETHE_SIGN_IN_DOMAIN)).toContain('.auth.eu-central-1.amazoncognito.com');
    expect(JSON.stringify(variables.LETHE_CONSOLE_URL)).toContain('/console/');
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [variables.LETHE_CONSOLE_URL],
      LogoutURLs: [variables.LETHE_CONSOLE_URL],
    });
    const clientId = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(variables.LETHE_USER_POOL_CLIENT_ID).toEqual({ Ref: clientId });
  });

  it('give no other function the sign-in settings', () => {
    // Act
    const variables = variablesOf('records-api');
    // Assess
    expect(variables).not.toHaveProperty('LETHE_SIGN_IN_DOMAIN');
    expect(variables).not.toHaveProperty('LETHE_CONSOLE_URL');
  });
});
