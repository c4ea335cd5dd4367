import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/deployment';
import { functionNameOf } from '../config/handlers';
import type { AccessGrant } from './access-grants';
import { retentionDays } from './log-retention';
import { BUNDLE_HANDLER, bundleFunction } from './lethe-bundling';
import { acknowledgeWildcardResources } from './nag';

/** CloudFormation Metadata keys on each AWS::Lambda::Function; the local runtime loads the module they name. */
export const ENTRY_METADATA = 'lethe:entry';
export const HANDLER_METADATA = 'lethe:handler';

export interface LetheFunctionProps {
  /** kebab-case; the function is named `<app>-<name>`. */
  name: string;
  /** Module relative to `projectRoot`, exporting `handler`. */
  entry: string;
  projectRoot: string;
  config: DeploymentConfig;
  /** Cognito pool whose JWTs the authorizer accepts, passed on as LETHE_USER_POOL_*. */
  userPool?: { id: string; clientId: string; cliClientId?: string };
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Folders relative to `projectRoot` copied into the bundle, next to index.mjs, for files read at run time. */
  bundleFolders?: readonly string[];
}

/**
 * One Lethe Lambda: Node.js 22 on arm64, bundled by local esbuild (lethe-bundling.ts), its own log group with the configured retention, X-Ray tracing, the LETHE_* environment
 * that `functions/shared/runtime-config.ts` parses, and a role that starts with nothing but its
 * own log group: every other permission comes through `allow`, from the handler registry.
 */
export class LetheFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LetheFunctionProps) {
    super(scope, id);
    const { config } = props;
    const functionName = functionNameOf(config.appName, props.name);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}; permissions come from infra/config/handlers.ts.`,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: retentionDays(config.logRetentionDays),
      // Logs hold no personal data and expire anyway; a retained named group would block a redeploy.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      functionName,
      code: bundledCode(props.projectRoot, props.entry, props.bundleFolders ?? []),
      handler: BUNDLE_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb ?? 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: letheEnvironment(config, Stack.of(this).account, props.userPool),
    });
    const cfn = this.function.node.defaultChild as lambda.CfnFunction;
    cfn.addMetadata(ENTRY_METADATA, props.entry);
    cfn.addMetadata(HANDLER_METADATA, 'handler');

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (added by tracing: ACTIVE).',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Issue #2 pins nodejs22.x (supported LTS) so the deployed runtime matches the local runtime and CI; 24.x is a planned, tested upgrade.',
      },
    );
  }

  /** Adds one declared access to the role, acknowledging its wildcard resources with the grant's reason, and the variables it needs. */
  allow(grant: AccessGrant): void {
    for (const statement of grant.statements) {
      this.role.addToPolicy(statement);
      acknowledgeWildcardResources(this, statement, grant.wildcardReason);
    }
    for (const [name, value] of Object.entries(grant.environment ?? {})) this.function.addEnvironment(name, value);
  }
}

/** The asset is esbuild's output, bundled locally (never in Docker) and hashed by what it contains. */
function bundledCode(projectRoot: string, entry: string, folders: readonly string[]): lambda.Code {
  return lambda.Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type; never pulled, since local bundling always succeeds.
      image: DockerImage.fromRegistry('local-esbuild-only'),
      local: {
        tryBundle: (outputDir) => {
          bundleFunction(projectRoot, entry, outputDir, folders);
          return true;
        },
      },
    },
  });
}

/** The variables `functions/shared/runtime-config.ts` reads; tokens resolve at deploy time. */
function letheEnvironment(
  config: DeploymentConfig,
  account: string,
  userPool?: { id: string; clientId: string; cliClientId?: string },
): Record<string, string> {
  return {
    LETHE_APP: config.appName,
    LETHE_ACCOUNT: account,
    LETHE_HOME_REGION: config.homeRegion,
    LETHE_REGIONS: config.regions.join(','),
    LETHE_LITIGATION_RETENTION_DAYS: String(config.litigationRetentionDays),
    LETHE_PITR_DAYS: String(config.pitrRecoveryPeriodDays),
    ...(userPool ? { LETHE_USER_POOL_ID: userPool.id, LETHE_USER_POOL_CLIENT_ID: userPool.clientId } : {}),
    ...(userPool?.cliClientId ? { LETHE_USER_POOL_CLI_CLIENT_ID: userPool.cliClientId } : {}),
    // Metrics carry it as their `service` dimension, so two deployments' metrics stay apart.
    POWERTOOLS_SERVICE_NAME: config.appName,
  };
}
