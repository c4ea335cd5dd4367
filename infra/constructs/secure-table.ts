import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** The DynamoDB TTL attribute of every Lethe table (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface SecureTableProps {
  tableName: string;
  partitionKey: dynamodb.Attribute;
  sortKey?: dynamodb.Attribute;
  /** The regional data CMK. */
  encryptionKey: kms.IKey;
  /** Point-in-time recovery window: how long an erased item survives in backups. */
  pitrRecoveryPeriodDays: number;
}

/**
 * A table with Lethe's defaults: on-demand, TTL on `expiresAt`, point-in-time recovery with the
 * configured window, encrypted with the regional CMK, protected from deletion and retained.
 */
export class SecureTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: SecureTableProps) {
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: props.pitrRecoveryPeriodDays,
      },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** Props of the concrete tables: the key schema is theirs to fix. */
export type TableProps = Omit<SecureTableProps, 'partitionKey' | 'sortKey'>;
