import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

describe("the control stack and the CLI's sign-in", () => {
  // Prepare
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const cliClientId = onlyResourceId(template, 'AWS::Cognito::UserPoolClient', { ClientName: 'acme-admins-cli' });

  it("tells every function the CLI client's id, so the authorizer accepts the ID tokens of `lethe login`", () => {
    // Act
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment?.Variables ?? {},
    );
    // Assess
    expect(variables.length).toBeGreaterThan(0);
    for (const v of variables) expect(v.LETHE_USER_POOL_CLI_CLIENT_ID).toEqual({ Ref: cliClientId });
  });

  it('publishes the CLI client id as an output, for `lethe login --client-id`', () => {
    // Assess
    template.hasOutput('CliClientId', { Value: { Ref: cliClientId } });
  });
});
