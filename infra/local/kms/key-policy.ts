/**
 * Key-policy evaluation for the local KMS: an explicit Deny wins; otherwise a statement must
 * Allow the caller. A statement naming the account root delegates to IAM, which the local runtime
 * does not model: it counts as allowed. So a key whose policy trusts only a named role for an
 * action (the litigation key's kms:Decrypt) refuses that action to everyone else, as in AWS.
 * Conditions support the String/Arn/Bool operators, `...IfExists` and `ForAnyValue:`/`ForAllValues:`.
 * Pure.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface KeyPolicy {
  Statement: PolicyStatement[];
}

export interface AccessRequest {
  action: string;
  principalArn: string;
  account: string;
  /** Condition keys (case-insensitive names) and their values, e.g. kms:ViaService, kms:EncryptionContext:tenant. */
  context: Record<string, string | string[]>;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function evaluateKeyPolicy(policy: KeyPolicy, request: AccessRequest): Decision {
  const applies = (s: PolicyStatement) =>
    actionMatches(s.Action, request.action) && conditionsHold(s.Condition, request.context);
  const deny = policy.Statement.find(
    (s) => s.Effect === 'Deny' && principalMatches(s.Principal, request) && applies(s),
  );
  if (deny) return { allowed: false, reason: `explicit deny in the key policy${deny.Sid ? ` (${deny.Sid})` : ''}` };
  const allow = policy.Statement.some(
    (s) => s.Effect === 'Allow' && principalMatches(s.Principal, request) && applies(s),
  );
  if (allow) return { allowed: true };
  return { allowed: false, reason: 'no statement of the key policy allows it' };
}

/** The statement names the caller, everyone, or the caller's account (IAM delegation, taken as granted). */
function principalMatches(principal: PolicyStatement['Principal'], request: AccessRequest): boolean {
  if (principal === '*') return true;
  const names = [principal?.AWS ?? []].flat();
  return [request.principalArn, '*', `arn:aws:iam::${request.account}:root`, request.account].some((n) =>
    names.includes(n),
  );
}

function actionMatches(actions: string | string[], action: string): boolean {
  return [actions].flat().some((pattern) => wildcard(pattern, true).test(action));
}

/** IAM wildcards: `*` any run of characters, `?` one character. */
function wildcard(pattern: string, ignoreCase = false): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

type Operator = (actual: string, expected: string) => boolean;

const OPERATORS: Record<string, { test: Operator; negated: boolean }> = {
  stringequals: { test: (a, e) => a === e, negated: false },
  stringnotequals: { test: (a, e) => a === e, negated: true },
  stringequalsignorecase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
  stringnotequalsignorecase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true },
  stringlike: { test: (a, e) => wildcard(e).test(a), negated: false },
  stringnotlike: { test: (a, e) => wildcard(e).test(a), negated: true },
  arnequals: { test: (a, e) => a === e, negated: false },
  arnnotequals: { test: (a, e) => a === e, negated: true },
  arnlike: { test: (a, e) => wildcard(e).test(a), negated: false },
  arnnotlike: { test: (a, e) => wildcard(e).test(a), negated: true },
  bool: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
};

function conditionsHold(conditions: PolicyStatement['Condition'], context: AccessRequest['context']): boolean {
  if (!conditions) return true;
  const lookup = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), [v].flat()]));
  return Object.entries(conditions).every(([rawOperator, pairs]) => {
    const [qualifier, name] = rawOperator.includes(':') ? rawOperator.split(':') : ['', rawOperator];
    const ifExists = /ifexists$/i.test(name);
    const operator = OPERATORS[name.toLowerCase().replace(/ifexists$/, '')];
    if (!operator) return false;
    return Object.entries(pairs).every(([key, expected]) => {
      const actual = lookup.get(key.toLowerCase());
      if (actual === undefined || actual.length === 0) {
        if (qualifier.toLowerCase() === 'forallvalues') return true;
        return ifExists || operator.negated;
      }
      const matchesOne = (value: string) => [expected].flat().some((e) => operator.test(value, e));
      const matched = qualifier.toLowerCase() === 'forallvalues' ? actual.every(matchesOne) : actual.some(matchesOne);
      return operator.negated ? !matched : matched;
    });
  });
}
