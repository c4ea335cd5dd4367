import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { SecureTable, type TableProps } from './secure-table';

/**
 * `<app>-<region>-keys`: one wrapped data key per partition (`T#<t>#K#<dekId>`), and each tenant's
 * KMS-wrapped key-encryption key that wraps them (`T#<t>#K##kek`). Deleting a data key's item
 * crypto-shreds every copy of what its key sealed; the PITR window bounds how long the key itself
 * survives in backups.
 */
export class KeysTable extends SecureTable {
  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id, { ...props, partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  }
}
