import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { SecureTable, type TableProps } from './secure-table';

/** Index name of the directory table, shared with the IAM grants. */
export const DIRECTORY_INDEXES = { gsi1: 'gsi1' } as const;

const S = dynamodb.AttributeType.STRING;

/**
 * `<app>-directory` (home region only): tenant profiles, policy revisions, API-key hashes, holds,
 * subject-request jobs and sweep checkpoints. `gsi1` lists tenants and a tenant's API keys.
 */
export class DirectoryTable extends SecureTable {
  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id, { ...props, partitionKey: { name: 'pk', type: S }, sortKey: { name: 'sk', type: S } });
    this.addGlobalSecondaryIndex({
      indexName: DIRECTORY_INDEXES.gsi1,
      partitionKey: { name: 'gsi1pk', type: S },
      sortKey: { name: 'gsi1sk', type: S },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
}
