/**
 * Resolves the CloudFormation intrinsic functions the synthesized templates use (Ref, Fn::GetAtt,
 * Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::FindInMap, Fn::ImportValue) against local values,
 * the way CloudFormation resolves them against deployed resources. Pure.
 */

/** A reference to something that has no local counterpart (e.g. a Cognito user pool). */
export class UnresolvableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableError';
  }
}

export interface IntrinsicContext {
  account: string;
  region: string;
  partition: string;
  stackName: string;
  urlSuffix: string;
  mappings?: Record<string, Record<string, Record<string, unknown>>>;
  /** Physical id of a resource of this stack; throws UnresolvableError when it has no local counterpart. */
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
  /** Value of another stack's output exported under `name`. */
  importValue(name: string): string;
}

/** Marks a property removed by `Ref: AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

export function resolveIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  const resolved = resolve(value, ctx);
  return resolved === NO_VALUE ? undefined : resolved;
}

/** Resolves `value` and insists on a string, naming `what` when it is not one. */
export function resolveString(value: unknown, ctx: IntrinsicContext, what: string): string {
  const resolved = resolveIntrinsics(value, ctx);
  if (typeof resolved !== 'string' && typeof resolved !== 'number')
    throw new UnresolvableError(`${what} did not resolve to a string (got ${JSON.stringify(resolved)})`);
  return String(resolved);
}

function resolve(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [name, arg] = entries[0];
    if (name === 'Ref') return ref(arg, ctx);
    if (name.startsWith('Fn::')) return intrinsic(name, arg, ctx);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const r = resolve(v, ctx);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

const PSEUDO: Record<string, (ctx: IntrinsicContext) => string | typeof NO_VALUE> = {
  'AWS::AccountId': (c) => c.account,
  'AWS::Region': (c) => c.region,
  'AWS::Partition': (c) => c.partition,
  'AWS::StackName': (c) => c.stackName,
  'AWS::StackId': (c) => `arn:${c.partition}:cloudformation:${c.region}:${c.account}:stack/${c.stackName}/local`,
  'AWS::URLSuffix': (c) => c.urlSuffix,
  'AWS::NoValue': () => NO_VALUE,
};

function ref(name: unknown, ctx: IntrinsicContext): unknown {
  if (typeof name !== 'string') throw new UnresolvableError(`Ref needs a name, got ${JSON.stringify(name)}`);
  const pseudo = PSEUDO[name];
  return pseudo ? pseudo(ctx) : ctx.ref(name);
}

function intrinsic(name: string, arg: unknown, ctx: IntrinsicContext): unknown {
  switch (name) {
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/s);
      return ctx.getAtt(String(id), String(resolve(attribute, ctx)));
    }
    case 'Fn::Join': {
      const [separator, parts] = arg as [string, unknown];
      const list = resolve(parts, ctx);
      if (!Array.isArray(list)) throw new UnresolvableError('Fn::Join needs a list');
      return list.map((p) => scalar(p, 'Fn::Join')).join(separator);
    }
    case 'Fn::Sub':
      return sub(arg, ctx);
    case 'Fn::Select': {
      const [index, list] = arg as [unknown, unknown];
      const items = resolve(list, ctx);
      const i = Number(resolve(index, ctx));
      if (!Array.isArray(items) || !(i in items)) throw new UnresolvableError(`Fn::Select index ${i} is out of range`);
      return items[i];
    }
    case 'Fn::Split': {
      const [separator, source] = arg as [string, unknown];
      return scalar(resolve(source, ctx), 'Fn::Split').split(separator);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = (arg as unknown[]).map((a) => scalar(resolve(a, ctx), 'Fn::FindInMap'));
      const found = ctx.mappings?.[map]?.[top]?.[second];
      if (found === undefined) throw new UnresolvableError(`Fn::FindInMap found nothing at ${map}.${top}.${second}`);
      return found;
    }
    case 'Fn::ImportValue':
      return ctx.importValue(scalar(resolve(arg, ctx), 'Fn::ImportValue'));
    default:
      throw new UnresolvableError(`${name} is not supported by the local runtime`);
  }
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnresolvableError(`${where} met a non-scalar value ${JSON.stringify(value)}`);
}

/** `Fn::Sub`: `${Name}`, `${Logical.Attribute}`, `${!Literal}`, with optional local variables. */
function sub(arg: unknown, ctx: IntrinsicContext): string {
  const [source, variables] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string, {}];
  const locals = resolve(variables, ctx) as Record<string, unknown>;
  return source.replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
    if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
    if (expr in locals) return scalar(locals[expr], 'Fn::Sub');
    if (expr in PSEUDO) return scalar(ref(expr, ctx), 'Fn::Sub');
    const dot = expr.indexOf('.');
    return dot > 0 ? ctx.getAtt(expr.slice(0, dot), expr.slice(dot + 1)) : ctx.ref(expr);
  });
}
