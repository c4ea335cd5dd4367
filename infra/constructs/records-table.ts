import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { SecureTable, TTL_ATTRIBUTE, type TableProps } from './secure-table';

/** Index names of the records table, shared with the IAM grants (docs/storage-layout.md). */
export const RECORDS_INDEXES = { byExpiry: 'byExpiry', bySubject: 'bySubject' } as const;

const S = dynamodb.AttributeType.STRING;

/**
 * `<app>-<region>-records`, the single table of interactions, messages, events, consents and
 * audit entries. `byExpiry` lets the sweep query due days without scanning; `bySubject` finds
 * everything about one identifier hash in one Query per region.
 */
export class RecordsTable extends SecureTable {
  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id, { ...props, partitionKey: { name: 'pk', type: S }, sortKey: { name: 'sk', type: S } });
    this.addGlobalSecondaryIndex({
      indexName: RECORDS_INDEXES.byExpiry,
      partitionKey: { name: 'expiryBucket', type: S },
      sortKey: { name: TTL_ATTRIBUTE, type: dynamodb.AttributeType.NUMBER },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    this.addGlobalSecondaryIndex({
      indexName: RECORDS_INDEXES.bySubject,
      partitionKey: { name: 'subjectKey', type: S },
      sortKey: { name: 'pk', type: S },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['kind', 'class'],
    });
  }
}
