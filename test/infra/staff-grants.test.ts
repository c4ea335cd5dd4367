import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { STAFF_DIRECTORY_ACTIONS } from '../../infra/constructs/access-grants';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

describe('the staff API alone manages staff users, and only in the stack’s user pool', () => {
  // Prepare: the control stack of the real handler registry
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const poolId = onlyResourceId(template, 'AWS::Cognito::UserPool');
  const statementsOf = (roleId: string): Statement[] =>
    Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
  const cognitoStatements = (statements: Statement[]) =>
    statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('cognito-idp:')));

  it("grants the staff API the user directory's Cognito admin actions on the user pool's ARN, nothing wider", () => {
    // Act
    const roleId = onlyResourceId(template, 'AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('^Runs acme-staff-api;'),
    });
    const granted = cognitoStatements(statementsOf(roleId));
    // Assess
    expect(granted).toHaveLength(1);
    expect([granted[0].Action].flat().sort()).toEqual([...STAFF_DIRECTORY_ACTIONS].sort());
    expect(granted[0].Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
  });

  it('lets the staff API sign a disabled or moved user out everywhere, so their refresh tokens stop working', () => {
    // Act
    const roleId = onlyResourceId(template, 'AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('^Runs acme-staff-api;'),
    });
    const [granted] = cognitoStatements(statementsOf(roleId));
    // Assess
    expect([granted?.Action].flat()).toContain('cognito-idp:AdminUserGlobalSignOut');
    expect(granted?.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
  });

  it('grants no other function any Cognito action', () => {
    // Act
    const others = Object.entries(template.findResources('AWS::IAM::Role'))
      .filter(([, role]) => !String(role.Properties.Description ?? '').startsWith('Runs acme-staff-api;'))
      .flatMap(([roleId]) => cognitoStatements(statementsOf(roleId)));
    // Assess
    expect(others).toEqual([]);
  });
});
