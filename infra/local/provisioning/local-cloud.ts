import { createHash } from 'node:crypto';
import { resolveIntrinsics, resolveString, UnresolvableError, type IntrinsicContext } from './intrinsics';
import type { CfnResource, SynthesizedStack } from './template';

/**
 * The synthesized stacks as the local emulators hold them: for every resource with a local
 * counterpart, the physical id (Ref) and attributes (Fn::GetAtt) CloudFormation would give it,
 * so names, ARNs and environment variables resolve to what the emulators actually contain.
 * KMS key ids are only known once the local KMS has the key; `setKeyId` records them.
 */
export class LocalCloud {
  readonly stacks: LocalStack[];

  constructor(
    stacks: SynthesizedStack[],
    readonly account: string,
  ) {
    this.stacks = stacks.map((s) => new LocalStack(s, this));
  }

  stack(stackName: string): LocalStack {
    const found = this.stacks.find((s) => s.stackName === stackName);
    if (!found) throw new Error(`no stack ${stackName}`);
    return found;
  }

  /** Value of the output exported under `name` by any stack (Fn::ImportValue). */
  importValue(name: string): string {
    for (const stack of this.stacks)
      for (const output of Object.values(stack.template.Outputs ?? {}))
        if (output.Export && stack.resolveString(output.Export.Name, 'export name') === name)
          return stack.resolveString(output.Value, `export ${name}`);
    throw new UnresolvableError(`no stack exports ${name}`);
  }
}

export class LocalStack {
  readonly stackName: string;
  readonly region: string;
  readonly template: SynthesizedStack['template'];
  private readonly keyIds = new Map<string, string>();
  private readonly context: IntrinsicContext;

  constructor(
    synthesized: SynthesizedStack,
    private readonly cloud: LocalCloud,
  ) {
    this.stackName = synthesized.stackName;
    this.region = synthesized.region;
    this.template = synthesized.template;
    this.context = {
      account: cloud.account,
      region: this.region,
      partition: 'aws',
      stackName: this.stackName,
      urlSuffix: 'amazonaws.com',
      mappings: this.template.Mappings,
      ref: (id) => this.ref(id),
      getAtt: (id, attribute) => this.getAtt(id, attribute),
      importValue: (name) => cloud.importValue(name),
    };
  }

  resolve(value: unknown): unknown {
    return resolveIntrinsics(value, this.context);
  }

  resolveString(value: unknown, what: string): string {
    return resolveString(value, this.context, what);
  }

  resource(logicalId: string): CfnResource {
    const resource = this.template.Resources?.[logicalId];
    if (!resource) throw new UnresolvableError(`${this.stackName} has no resource ${logicalId}`);
    return resource;
  }

  setKeyId(logicalId: string, keyId: string): void {
    this.keyIds.set(logicalId, keyId);
  }

  /** What `Ref` returns for a resource of this stack. */
  ref(logicalId: string): string {
    const r = this.resource(logicalId);
    const named = (property: string, fallback: () => string) =>
      r.Properties?.[property] !== undefined
        ? this.resolveString(r.Properties[property], `${logicalId}.${property}`)
        : fallback();
    switch (r.Type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return named('TableName', () => this.generatedName(logicalId, 255));
      case 'AWS::S3::Bucket':
        return named('BucketName', () => this.generatedName(logicalId, 63).toLowerCase());
      case 'AWS::KMS::Key': {
        const keyId = this.keyIds.get(logicalId);
        if (!keyId) throw new UnresolvableError(`KMS key ${logicalId} of ${this.stackName} is not provisioned yet`);
        return keyId;
      }
      case 'AWS::KMS::Alias':
        return named('AliasName', () => `alias/${logicalId}`);
      case 'AWS::IAM::Role':
        return named('RoleName', () => this.generatedName(logicalId, 64));
      case 'AWS::Lambda::Function':
        return named('FunctionName', () => this.generatedName(logicalId, 64));
      case 'AWS::Events::Rule':
        return named('Name', () => this.generatedName(logicalId, 64));
      case 'AWS::Logs::LogGroup':
        return named('LogGroupName', () => this.generatedName(logicalId, 512));
      case 'AWS::ApiGateway::RestApi':
        return localApiId(this.stackName, logicalId);
      case 'AWS::ApiGateway::Resource':
      case 'AWS::ApiGateway::Method':
      case 'AWS::ApiGateway::Authorizer':
      case 'AWS::ApiGateway::Deployment':
      case 'AWS::ApiGateway::Stage':
        return logicalId;
      default:
        throw new UnresolvableError(`${logicalId} (${r.Type}) has no local counterpart`);
    }
  }

  /** What `Fn::GetAtt` returns for a resource of this stack. */
  getAtt(logicalId: string, attribute: string): string {
    const r = this.resource(logicalId);
    const id = () => this.ref(logicalId);
    const { account, region } = { account: this.cloud.account, region: this.region };
    const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
    const attributes: Record<string, Record<string, () => string>> = {
      'AWS::DynamoDB::Table': {
        Arn: () => arn('dynamodb', `table/${id()}`),
        StreamArn: () => arn('dynamodb', `table/${id()}/stream/local`),
      },
      'AWS::DynamoDB::GlobalTable': { Arn: () => arn('dynamodb', `table/${id()}`) },
      'AWS::S3::Bucket': {
        Arn: () => `arn:aws:s3:::${id()}`,
        DomainName: () => `${id()}.s3.amazonaws.com`,
        RegionalDomainName: () => `${id()}.s3.${region}.amazonaws.com`,
      },
      'AWS::KMS::Key': { Arn: () => arn('kms', `key/${id()}`), KeyId: id },
      'AWS::IAM::Role': {
        Arn: () => `arn:aws:iam::${account}:role${this.rolePath(r)}${id()}`,
        RoleId: () => `AROA${localApiId(this.stackName, logicalId).toUpperCase()}`,
      },
      'AWS::Lambda::Function': { Arn: () => arn('lambda', `function:${id()}`) },
      'AWS::Events::Rule': { Arn: () => arn('events', `rule/${id()}`) },
      'AWS::Logs::LogGroup': { Arn: () => arn('logs', `log-group:${id()}:*`) },
      'AWS::ApiGateway::RestApi': { RootResourceId: () => 'root' },
    };
    const get = attributes[r.Type]?.[attribute];
    if (!get) throw new UnresolvableError(`${logicalId}.${attribute} (${r.Type}) has no local counterpart`);
    return get();
  }

  private rolePath(r: CfnResource): string {
    return r.Properties?.Path ? this.resolveString(r.Properties.Path, 'role path') : '/';
  }

  /** CloudFormation's `<stack>-<logicalId>-<random>`, minus the random part so restarts find it again. */
  private generatedName(logicalId: string, max: number): string {
    return `${this.stackName}-${logicalId}`.slice(0, max);
  }
}

/** A stable 10-character id, shaped like API Gateway's. */
function localApiId(stackName: string, logicalId: string): string {
  return createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 10);
}
