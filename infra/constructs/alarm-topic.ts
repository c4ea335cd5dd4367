import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Physical name of the topic, e.g. `<app>-alarms`. */
  readonly topicName: string;
  /**
   * Address that receives every alarm by e-mail (AWS sends a confirmation message first).
   * @default no subscription: subscribe to the topic yourself
   */
  readonly email?: string;
}

/**
 * Where every Lethe alarm goes: an SNS topic encrypted with its own CMK (CloudWatch may use the
 * key to publish, nobody else besides the account's IAM), SSL only, optionally e-mailed.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  private readonly action: cloudwatch.IAlarmAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts ${props.topicName}: Lethe's alarm notifications.`,
      enableKeyRotation: true,
    });
    // An AWS-managed SNS key would not let CloudWatch publish to the topic.
    this.key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', { topicName: props.topicName, masterKey: this.key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.action = new actions.SnsAction(this.topic);
  }

  /** Sends the alarms' ALARM transitions to the topic. */
  notify(...alarms: cloudwatch.Alarm[]): void {
    for (const alarm of alarms) alarm.addAlarmAction(this.action);
  }
}
