/**
 * Turns a synthesized CloudFormation template's intrinsics (Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select, Fn::Split) into the concrete strings they would deploy to, for one stack in a fake
 * account, so policies can be evaluated offline. Names CloudFormation would generate stand in as
 * the logical id. Anything it cannot resolve throws: a silently unresolved ARN would match nothing
 * and make a "denied" assertion pass for the wrong reason.
 */
export const FAKE_ACCOUNT = '111111111111';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
export interface CfnResource {
  Type: string;
  Properties?: Record<string, Json>;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

/** The property that holds each resource type's physical name, when the template sets one. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::KMS::Alias': 'AliasName',
};

type ArnShape = (name: string, region: string, account: string) => string;
const ARN_OF: Record<string, ArnShape> = {
  'AWS::KMS::Key': (id, r, a) => `arn:aws:kms:${r}:${a}:key/${id}`,
  'AWS::S3::Bucket': (name) => `arn:aws:s3:::${name}`,
  'AWS::IAM::Role': (name, _r, a) => `arn:aws:iam::${a}:role/${name}`,
  'AWS::DynamoDB::Table': (name, r, a) => `arn:aws:dynamodb:${r}:${a}:table/${name}`,
  'AWS::Lambda::Function': (name, r, a) => `arn:aws:lambda:${r}:${a}:function:${name}`,
  'AWS::Logs::LogGroup': (name, r, a) => `arn:aws:logs:${r}:${a}:log-group:${name}:*`,
  'AWS::SQS::Queue': (name, r, a) => `arn:aws:sqs:${r}:${a}:${name}`,
  'AWS::Cognito::UserPool': (id, r, a) => `arn:aws:cognito-idp:${r}:${a}:userpool/${id}`,
};

export class CfnResolver {
  constructor(
    private readonly template: CfnTemplate,
    readonly region: string,
    readonly account = FAKE_ACCOUNT,
  ) {}

  /** `value` with every intrinsic replaced by the string it deploys to. */
  resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
      return this.intrinsic(keys[0], value[keys[0]]);
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k])]));
  }

  /** The physical name (or id) a `Ref` to the resource returns. */
  physicalName(logicalId: string): string {
    const resource = this.resourceOf(logicalId);
    const nameProperty = NAME_PROPERTY[resource.Type];
    const name = nameProperty && resource.Properties?.[nameProperty];
    return name === undefined ? logicalId : this.resolve(name);
  }

  arnOf(logicalId: string): string {
    const shape = ARN_OF[this.resourceOf(logicalId).Type];
    if (!shape) throw new Error(`no ARN shape for ${logicalId} (${this.resourceOf(logicalId).Type})`);
    return shape(this.physicalName(logicalId), this.region, this.account);
  }

  private resourceOf(logicalId: string): CfnResource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`no resource ${logicalId} in the template`);
    return resource;
  }

  private intrinsic(name: string, args: Json): string | string[] {
    switch (name) {
      case 'Ref':
        return this.ref(args);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(args) ? args : String(args).split('.');
        if (attribute !== 'Arn') throw new Error(`cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
        return this.arnOf(logicalId);
      }
      case 'Fn::Join': {
        const [separator, parts] = args;
        return (this.resolve(parts) as string[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = args;
        return (this.resolve(list) as string[])[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [separator, source] = args;
        return String(this.resolve(source)).split(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(args) ? args : [args, {}];
        return (text as string).replace(/\$\{([^}!]+)\}/g, (_, variable: string) => {
          if (variable in variables) return this.resolve(variables[variable]);
          const [logicalId, attribute] = variable.split('.');
          return attribute ? this.intrinsic('Fn::GetAtt', [logicalId, attribute]) : this.ref(logicalId);
        });
      }
      default:
        throw new Error(`cannot resolve ${name}`);
    }
  }

  private ref(target: string): string {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': this.account,
      'AWS::Region': this.region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
    };
    return pseudo[target] ?? this.physicalName(target);
  }
}
