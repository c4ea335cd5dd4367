import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeploymentConfig, type DeploymentConfig } from './config/deployment';
import { HANDLERS, type HandlerSpec } from './config/handlers';
import { deploymentConfig } from './config/lethe.config';
import { ControlStack, pascalCase } from './stacks/control-stack';
import { RegionalDataStack } from './stacks/regional-data-stack';

/** Repository root: handler entries and cdk.json are relative to it. */
export const PROJECT_ROOT = resolve(__dirname, '..');

// Stack names start with the app name (`lethe` → `Lethe-Control`), so two deployments can share an account.
export const dataStackName = (appName: string, region: string) => `${pascalCase(appName)}-Data-${region}`;
export const controlStackName = (appName: string) => `${pascalCase(appName)}-Control`;
/** The control stack of this repository's deployment config (no `appName` context). */
export const CONTROL_STACK_NAME = controlStackName(deploymentConfig.appName);

/**
 * Deployment settings a `cdk` command line may override without editing the config:
 * `-c appName=acme` (prefix of every stack and physical name) and `-c alarmEmail=ops@example.com`.
 */
export const CONTEXT_OVERRIDES = ['appName', 'alarmEmail'] as const;

/** Context that makes synth skip esbuild: templates only, for tests and local provisioning. */
export const NO_BUNDLING_CONTEXT = { 'aws:cdk:bundling-stacks': [] as string[] };

export interface BuildAppOptions {
  /** Defaults to infra/config/lethe.config.ts. */
  config?: DeploymentConfig;
  /** Defaults to the registry in infra/config/handlers.ts. */
  handlers?: readonly HandlerSpec[];
  /** Defaults to CDK_DEFAULT_ACCOUNT; when unknown, names use the AWS::AccountId token. */
  account?: string;
  /** Context that wins over cdk.json and the CLI, e.g. NO_BUNDLING_CONTEXT. */
  context?: Record<string, unknown>;
  /** Cloud assembly directory; defaults to the CLI's, or a temporary one. */
  outdir?: string;
}

/**
 * The Lethe CDK app: one RegionalDataStack per configured region and the ControlStack in the home
 * region, checked by cdk-nag's AWS Solutions pack on synth (an unacknowledged error fails it).
 */
export function buildApp(options: BuildAppOptions = {}): App {
  const account = options.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  // cdk.json's feature flags apply when the app is built outside the CLI too, so tests and the
  // local runtime see the templates `cdk synth` writes.
  const app = new App({ outdir: options.outdir, context: cdkJsonContext(), postCliContext: options.context });
  const config = withContextOverrides(options.config ?? deploymentConfig, app);

  const dataStacks = config.regions.map(
    (region) =>
      new RegionalDataStack(app, dataStackName(config.appName, region), {
        env: { account, region },
        description: `Lethe data in ${region}: CMK, records/keys/aggregates tables, content/archive/litigation buckets.`,
        config,
      }),
  );
  const control = new ControlStack(app, controlStackName(config.appName), {
    env: { account, region: config.homeRegion },
    description: 'Lethe control plane: tenant directory, exports, admin users, API, functions and schedules.',
    config,
    handlers: options.handlers ?? HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  // Functions reach the regional tables, buckets and keys by name: deploy those first.
  for (const data of dataStacks) control.addStackDependency(data, 'functions use the regional data resources by name');

  Tags.of(app).add('lethe:app', config.appName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

/** The config with the context overrides applied and checked like the config itself. */
function withContextOverrides(config: DeploymentConfig, app: App): DeploymentConfig {
  const overrides = Object.fromEntries(
    CONTEXT_OVERRIDES.flatMap((key) => {
      const value: unknown = app.node.tryGetContext(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  return Object.keys(overrides).length ? parseDeploymentConfig({ ...config, ...overrides }) : config;
}

/** The feature flags and context of cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

if (require.main === module) buildApp().synth();
