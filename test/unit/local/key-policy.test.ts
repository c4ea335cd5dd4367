import { evaluateKeyPolicy, type KeyPolicy } from '../../../infra/local/kms/key-policy';

describe('the local KMS enforces key policies', () => {
  const account = '000000000000';
  const root = `arn:aws:iam::${account}:root`;
  const legal = `arn:aws:iam::${account}:role/lethe-legal-access-eu-central-1`;
  const app = `arn:aws:iam::${account}:role/lethe-local-application`;
  const request = (action: string, principalArn: string, context: Record<string, string | string[]> = {}) => ({
    action,
    principalArn,
    account,
    context: { 'aws:PrincipalArn': principalArn, ...context },
  });
  /** The litigation key's policy, as the infra template declares it. */
  const litigation: KeyPolicy = {
    Statement: [
      {
        Sid: 'AdministerWithoutUse',
        Effect: 'Allow',
        Principal: { AWS: root },
        Action: ['kms:DescribeKey', 'kms:CreateAlias'],
      },
      {
        Sid: 'SealThroughIam',
        Effect: 'Allow',
        Principal: { AWS: root },
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      },
      { Sid: 'LegalAccessDecrypts', Effect: 'Allow', Principal: { AWS: legal }, Action: 'kms:Decrypt' },
      {
        Sid: 'NobodyElseDecrypts',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Condition: { StringNotEquals: { 'aws:PrincipalArn': legal } },
      },
    ],
  };

  it('only the legal-access role may decrypt with the litigation key', () => {
    // Assess
    expect(evaluateKeyPolicy(litigation, request('kms:Decrypt', legal))).toEqual({ allowed: true });
    expect(evaluateKeyPolicy(litigation, request('kms:Decrypt', app))).toEqual({
      allowed: false,
      reason: 'explicit deny in the key policy (NobodyElseDecrypts)',
    });
  });

  it('the account root delegates to IAM, which the local runtime takes as granted', () => {
    // Assess
    expect(evaluateKeyPolicy(litigation, request('kms:GenerateDataKey', app))).toEqual({ allowed: true });
  });

  it('an action no statement names is refused', () => {
    // Assess
    expect(evaluateKeyPolicy(litigation, request('kms:ScheduleKeyDeletion', legal))).toEqual({
      allowed: false,
      reason: 'no statement of the key policy allows it',
    });
  });

  it('wildcard actions match case-insensitively', () => {
    // Prepare
    const policy: KeyPolicy = { Statement: [{ Effect: 'Allow', Principal: { AWS: app }, Action: 'kms:generate*' }] };

    // Assess
    expect(evaluateKeyPolicy(policy, request('kms:GenerateDataKey', app)).allowed).toBe(true);
    expect(evaluateKeyPolicy(policy, request('kms:Decrypt', app)).allowed).toBe(false);
  });

  it('conditions on the encryption context and aliases hold only when the request matches', () => {
    // Prepare
    const policy: KeyPolicy = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: app },
          Action: 'kms:Decrypt',
          Condition: {
            StringLike: { 'kms:EncryptionContext:tenant': '01H*' },
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/lethe-eu-central-1-data' },
          },
        },
      ],
    };
    const aliases = { 'kms:ResourceAliases': ['alias/other', 'alias/lethe-eu-central-1-data'] };

    // Assess
    expect(
      evaluateKeyPolicy(policy, request('kms:Decrypt', app, { 'kms:EncryptionContext:tenant': '01HZX', ...aliases }))
        .allowed,
    ).toBe(true);
    expect(
      evaluateKeyPolicy(policy, request('kms:Decrypt', app, { 'kms:EncryptionContext:tenant': '02AAA', ...aliases }))
        .allowed,
    ).toBe(false);
    expect(evaluateKeyPolicy(policy, request('kms:Decrypt', app, aliases)).allowed).toBe(false);
  });

  it('a negated condition on a missing key holds, and ...IfExists on a missing key holds', () => {
    // Prepare
    const deny: KeyPolicy = {
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'kms:*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:Encrypt',
          Condition: { StringNotEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } },
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:Decrypt',
          Condition: { StringEqualsIfExists: { 'kms:ViaService': 'ec2.eu-central-1.amazonaws.com' } },
        },
      ],
    };

    // Assess
    expect(evaluateKeyPolicy(deny, request('kms:Encrypt', app)).allowed).toBe(false);
    expect(evaluateKeyPolicy(deny, request('kms:Decrypt', app)).allowed).toBe(false);
    expect(evaluateKeyPolicy(deny, request('kms:GenerateDataKey', app)).allowed).toBe(true);
  });
});
