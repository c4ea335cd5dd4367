import { authorizerContext, policyDecision } from '../../../infra/local/runtime/authorizer';

describe("a Lambda authorizer's result is judged as API Gateway judges it", () => {
  const methodArn = 'arn:aws:execute-api:eu-central-1:000000000000:abc123/prod/GET/v1/tenants/01HZX';

  it('an Allow whose resource covers the method ARN (wildcards included) lets the request through', () => {
    // Assess
    expect(policyDecision([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: methodArn }], methodArn)).toBe(
      'allow',
    );
    expect(
      policyDecision(
        [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: 'arn:aws:execute-api:eu-central-1:000000000000:abc123/prod/*',
          },
        ],
        methodArn,
      ),
    ).toBe('allow');
  });

  it('an Allow for another method is no allow (the cached-policy pitfall)', () => {
    // Assess
    expect(
      policyDecision(
        [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: methodArn.replace('/GET/', '/POST/') }],
        methodArn,
      ),
    ).toBe('implicit-deny');
  });

  it('an explicit Deny wins over an Allow', () => {
    // Assess
    expect(
      policyDecision(
        [
          { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
          { Effect: 'Deny', Action: ['execute-api:*'], Resource: [methodArn] },
        ],
        methodArn,
      ),
    ).toBe('explicit-deny');
  });

  it('context values reach the handler as strings; an object value is a configuration error', () => {
    // Assess
    expect(authorizerContext({ tenantId: '01HZX', role: 'admin', level: 3, legal: false })).toEqual({
      tenantId: '01HZX',
      role: 'admin',
      level: '3',
      legal: 'false',
    });
    expect(authorizerContext({ groups: ['a'] })).toBeUndefined();
    expect(authorizerContext(undefined)).toEqual({});
  });
});
