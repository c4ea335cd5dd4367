import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { SecureTable, type TableProps } from './secure-table';

const S = dynamodb.AttributeType.STRING;

/** `<app>-<region>-aggregates`: KPI counters per tenant, month and dimension; never personal. */
export class AggregatesTable extends SecureTable {
  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id, { ...props, partitionKey: { name: 'pk', type: S }, sortKey: { name: 'sk', type: S } });
  }
}
