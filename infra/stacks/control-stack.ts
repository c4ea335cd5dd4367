import { CfnOutput, Duration, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { homeResourceNames, regionalResourceNames } from '../../functions/shared/resource-names';
import type { DeploymentConfig } from '../config/deployment';
import {
  CONSOLE_ASSETS_FUNCTION,
  functionNameOf,
  validateHandlers,
  type HandlerSpec,
  type ScheduleName,
} from '../config/handlers';
import { accessGrant } from '../constructs/access-grants';
import { AccessLogsBucket } from '../constructs/access-logs-bucket';
import { AdminUserPool } from '../constructs/admin-user-pool';
import { AlarmTopic } from '../constructs/alarm-topic';
import { ApiErrorRateAlarm } from '../constructs/api-error-rate-alarm';
import { DirectoryTable } from '../constructs/directory-table';
import { ExportsBucket } from '../constructs/exports-bucket';
import { FailedInvocationsQueue } from '../constructs/failed-invocations-queue';
import { FunctionAlarms } from '../constructs/function-alarms';
import { JobWakeSchedule } from '../constructs/job-wake-schedule';
import { LetheApi, STAGE_NAME } from '../constructs/lethe-api';
import { LetheFunction } from '../constructs/lethe-function';
import { OperationsDashboard } from '../constructs/operations-dashboard';
import { OverdueRequestsAlarm } from '../constructs/overdue-requests-alarm';
import { SweepCompletionAlarm } from '../constructs/sweep-completion-alarm';
import { SweepSchedule } from '../constructs/sweep-schedule';

export interface ControlStackProps extends StackProps {
  config: DeploymentConfig;
  /** The handler registry (infra/config/handlers.ts); tests pass their own. */
  handlers: readonly HandlerSpec[];
  /** Repository root: handler entries are relative to it. */
  projectRoot: string;
}

/**
 * The home region's control plane (docs/storage-layout.md, "Home region only"): the tenant
 * directory, the exports bucket, the admin user pool, the REST API and every Lambda with its
 * routes, schedule and grants, all derived from the handler registry.
 */
export class ControlStack extends Stack {
  readonly api: LetheApi;
  readonly functions: ReadonlyMap<string, LetheFunction>;

  constructor(scope: Construct, id: string, props: ControlStackProps) {
    super(scope, id, props);
    const { config, handlers, projectRoot } = props;
    validateHandlers(handlers, projectRoot);
    const names = homeResourceNames(config.appName, this.account, this.region);
    // The home region's data CMK, found by alias: the regional data stack owns it.
    const homeKey = kms.Alias.fromAliasName(
      this,
      'HomeDataKey',
      regionalResourceNames(config.appName, this.account, this.region).dataKeyAlias,
    );

    const directory = new DirectoryTable(this, 'Directory', {
      tableName: names.directoryTable,
      encryptionKey: homeKey,
      pitrRecoveryPeriodDays: config.pitrRecoveryPeriodDays,
    });
    const accessLogs = new AccessLogsBucket(this, 'AccessLogs', { retentionDays: config.logRetentionDays });
    const exportsBucket = new ExportsBucket(this, 'Exports', {
      bucketName: names.exportBucket,
      encryptionKey: homeKey,
      serverAccessLogsBucket: accessLogs,
      noncurrentVersionDays: 1,
    });
    // The console's URL names the API, whose authorizer needs the app client's id: resolved at synth, once the API exists.
    const consoleUrl = Lazy.string({
      produce: () =>
        `https://${this.api.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}/${STAGE_NAME}/console/`,
    });
    const admins = new AdminUserPool(this, 'Admins', {
      userPoolName: `${config.appName}-admins`,
      domainPrefix: `${config.appName}-${this.account}`,
      consoleUrl,
    });

    const target = {
      app: config.appName,
      account: this.account,
      partition: this.partition,
      homeRegion: config.homeRegion,
      regions: config.regions,
      userPoolArn: admins.userPool.userPoolArn,
    };
    const functions = new Map<string, LetheFunction>();
    for (const spec of handlers) {
      const fn = new LetheFunction(this, pascalCase(spec.name), {
        name: spec.name,
        entry: spec.entry,
        projectRoot,
        config,
        userPool: {
          id: admins.userPool.userPoolId,
          clientId: admins.client.userPoolClientId,
          cliClientId: admins.cliClient.userPoolClientId,
        },
        memoryMb: spec.memoryMb,
        timeoutSeconds: spec.timeoutSeconds,
        bundleFolders: spec.bundleFolders,
      });
      for (const access of spec.access) fn.allow(accessGrant(access, target));
      functions.set(spec.name, fn);
    }
    this.functions = functions;
    // The console signs in on the Cognito domain and comes back to itself; its handler serves both as config.json.
    const consoleAssets = functions.get(CONSOLE_ASSETS_FUNCTION)?.function;
    consoleAssets?.addEnvironment('LETHE_SIGN_IN_DOMAIN', admins.domain!.baseUrl());
    consoleAssets?.addEnvironment('LETHE_CONSOLE_URL', consoleUrl);

    const authorizer = handlers.find((h) => h.authorizer);
    this.api = new LetheApi(this, 'Api', {
      restApiName: `${config.appName}-api`,
      logRetentionDays: config.logRetentionDays,
      authorizerFunction: authorizer && functions.get(authorizer.name)?.function,
    });
    const schedules: Record<ScheduleName, (id: string, ruleName: string, target: LetheFunction['function']) => void> = {
      sweep: (id, ruleName, target) => new SweepSchedule(this, id, { ruleName, cron: config.sweepCron, target }),
      'wake-queued': (id, ruleName, target) => new JobWakeSchedule(this, id, { ruleName, target }),
    };
    for (const spec of handlers) {
      const fn = functions.get(spec.name)!.function;
      for (const route of spec.routes ?? []) this.api.addRoute(route, fn, spec.tenantCredential);
      if (spec.schedule)
        schedules[spec.schedule](`${pascalCase(spec.name)}Schedule`, `${config.appName}-${spec.schedule}`, fn);
    }
    const asyncTargets = handlers.flatMap((spec) =>
      spec.asyncInvocation
        ? [
            {
              name: spec.name,
              function: functions.get(spec.name)!.function,
              retryAttempts: spec.asyncInvocation.retryAttempts,
              maxEventAge: Duration.seconds(spec.asyncInvocation.maxEventAgeSeconds),
            },
          ]
        : [],
    );
    const failed = asyncTargets.length
      ? new FailedInvocationsQueue(this, 'FailedInvocations', {
          queueName: `${config.appName}-failed-invocations`,
          alarmName: `${config.appName}-failed-invocations`,
          targets: asyncTargets,
        })
      : undefined;
    this.addAlarms(config, handlers, failed);

    const outputs: Record<string, string> = {
      ApiUrl: this.api.api.url,
      UserPoolId: admins.userPool.userPoolId,
      UserPoolClientId: admins.client.userPoolClientId,
      CliClientId: admins.cliClient.userPoolClientId,
      ConsoleUrl: consoleUrl,
      SignInDomain: admins.domain!.baseUrl(),
      DirectoryTable: directory.tableName,
      ExportBucket: exportsBucket.bucketName,
    };
    for (const [outputId, value] of Object.entries(outputs)) new CfnOutput(this, outputId, { value });
  }

  /**
   * Failure alarms, all notifying one topic: every function's errors and throttles, the
   * failed-invocations queue, a sweep that did not finish, overdue subject requests, the API's
   * 5xx rate; and the operations dashboard that shows them.
   */
  private addAlarms(config: DeploymentConfig, handlers: readonly HandlerSpec[], failed?: FailedInvocationsQueue): void {
    const app = config.appName;
    const topic = new AlarmTopic(this, 'Alarms', { topicName: `${app}-alarms`, email: config.alarmEmail });
    const alarms: cloudwatch.Alarm[] = [];
    for (const [name, fn] of this.functions) {
      const perFunction = new FunctionAlarms(this, `${pascalCase(name)}Alarms`, {
        functionName: functionNameOf(app, name),
        function: fn.function,
      });
      alarms.push(perFunction.errors, perFunction.throttles);
    }
    if (failed) alarms.push(failed.alarm);
    if (handlers.some((h) => h.schedule === 'sweep'))
      alarms.push(
        new SweepCompletionAlarm(this, 'SweepCompletion', { alarmName: `${app}-sweep-not-finished`, service: app })
          .alarm,
      );
    if (handlers.some((h) => h.schedule === 'wake-queued'))
      alarms.push(
        new OverdueRequestsAlarm(this, 'OverdueRequests', {
          alarmName: `${app}-subject-requests-overdue`,
          service: app,
        }).alarm,
      );
    alarms.push(
      new ApiErrorRateAlarm(this, 'ApiErrorRate', { alarmName: `${app}-api-5xx-rate`, api: this.api.api }).alarm,
    );
    topic.notify(...alarms);
    new OperationsDashboard(this, 'Operations', {
      dashboardName: `${app}-operations`,
      service: app,
      api: this.api.api,
      functions: new Map([...this.functions].map(([name, fn]) => [name, fn.function])),
      failedInvocations: failed?.queue,
      alarms,
    });
  }
}

/** `retention-sweep` → `RetentionSweep`: construct ids, and stack names from the app name. */
export const pascalCase = (kebab: string) => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
