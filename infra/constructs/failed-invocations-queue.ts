import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** One asynchronously invoked function and how Lambda treats its events before giving up. */
export interface AsyncInvocationTarget {
  /** Names the target's construct (the handler's name). */
  name: string;
  function: lambda.IFunction;
  /** Retries after the function returned an error (Lambda allows 0 to 2). */
  retryAttempts: number;
  /** How long an event may wait in Lambda's queue, retries included (60 s to 6 h). */
  maxEventAge: Duration;
}

export interface FailedInvocationsQueueProps {
  queueName: string;
  alarmName: string;
  targets: readonly AsyncInvocationTarget[];
  /** How long a failed event is kept for an operator to look at; default 14 days (SQS's longest). */
  retention?: Duration;
}

/**
 * Where asynchronous invocations end that kept failing or waited too long, instead of vanishing
 * after Lambda's retries: an SQS queue encrypted with its own CMK (the records hold the event, a
 * job's ids; an operator's console event may name a subject), SSL only, and an alarm as soon as
 * one message is visible. Each target gets bounded retries, a maximum event age and this queue as
 * its on-failure destination; its role may send to the queue and nothing else.
 */
export class FailedInvocationsQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly key: kms.Key;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FailedInvocationsQueueProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts ${props.queueName}: failed asynchronous invocations.`,
      enableKeyRotation: true,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: props.retention ?? Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of failed invocations; a queue behind it would only move the same records.',
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: `An asynchronous invocation failed for good: its event waits in ${props.queueName}.`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const destination: lambda.IDestination = { bind: () => ({ destination: this.queue.queueArn }) };
    for (const target of props.targets) {
      new lambda.EventInvokeConfig(this, `Invocations-${target.name}`, {
        function: target.function,
        retryAttempts: target.retryAttempts,
        maxEventAge: target.maxEventAge,
        onFailure: destination,
      });
      // Lambda sends the failure record with the function's role: SendMessage and the key's data-key calls only.
      this.queue.grant(target.function, 'sqs:SendMessage');
      this.key.grant(target.function, 'kms:GenerateDataKey', 'kms:Decrypt');
    }
  }
}
