import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { regionalResourceNames } from '../../functions/shared/resource-names';
import type { DeploymentConfig } from '../config/deployment';
import { AccessLogsBucket } from '../constructs/access-logs-bucket';
import { AggregatesTable } from '../constructs/aggregates-table';
import { ArchiveBucket } from '../constructs/archive-bucket';
import { ContentBucket } from '../constructs/content-bucket';
import { DataKey } from '../constructs/data-key';
import { KeysTable } from '../constructs/keys-table';
import { LitigationVault } from '../constructs/litigation-vault';
import { RecordsTable } from '../constructs/records-table';

export interface RegionalDataStackProps extends StackProps {
  config: DeploymentConfig;
}

/**
 * Everything one region stores (docs/storage-layout.md, "Per region"): the data CMK, the records,
 * keys and aggregates tables, and the content, archive and litigation buckets. Names come from
 * resource-names, so handlers in any region reach them without cross-stack references.
 */
export class RegionalDataStack extends Stack {
  constructor(scope: Construct, id: string, props: RegionalDataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = regionalResourceNames(config.appName, this.account, this.region);
    const pitrRecoveryPeriodDays = config.pitrRecoveryPeriodDays;

    const dataKey = new DataKey(this, 'DataKey', {
      alias: names.dataKeyAlias,
      description: `Lethe ${this.region}: wraps data keys and encrypts the region's tables and buckets.`,
    });
    const tables = {
      records: new RecordsTable(this, 'Records', {
        tableName: names.recordsTable,
        encryptionKey: dataKey,
        pitrRecoveryPeriodDays,
      }),
      keys: new KeysTable(this, 'Keys', { tableName: names.keysTable, encryptionKey: dataKey, pitrRecoveryPeriodDays }),
      aggregates: new AggregatesTable(this, 'Aggregates', {
        tableName: names.aggregatesTable,
        encryptionKey: dataKey,
        pitrRecoveryPeriodDays,
      }),
    };

    const accessLogs = new AccessLogsBucket(this, 'AccessLogs', { retentionDays: config.logRetentionDays });
    // Old versions are sealed under DEKs, so after an erasure they are unreadable; they then age
    // out within the same window as the table backups.
    const bucketDefaults = {
      encryptionKey: dataKey,
      serverAccessLogsBucket: accessLogs,
      noncurrentVersionDays: pitrRecoveryPeriodDays,
    };
    const content = new ContentBucket(this, 'Content', { bucketName: names.contentBucket, ...bucketDefaults });
    const archive = new ArchiveBucket(this, 'Archive', { bucketName: names.archiveBucket, ...bucketDefaults });
    const litigation = new LitigationVault(this, 'Litigation', {
      bucketName: names.litigationBucket,
      keyAlias: names.litigationKeyAlias,
      legalRoleName: `${config.appName}-legal-access-${this.region}`,
      retentionDays: config.litigationRetentionDays,
      legalAccessPrincipals: config.legalAccessPrincipals,
      serverAccessLogsBucket: accessLogs,
    });

    const outputs: Record<string, string> = {
      RecordsTable: tables.records.tableName,
      KeysTable: tables.keys.tableName,
      AggregatesTable: tables.aggregates.tableName,
      ContentBucket: content.bucketName,
      ArchiveBucket: archive.bucketName,
      LitigationBucket: litigation.bucket.bucketName,
      LegalAccessRoleArn: litigation.legalRole.roleArn,
      DataKeyArn: dataKey.keyArn,
    };
    for (const [id, value] of Object.entries(outputs)) new CfnOutput(this, id, { value });
  }
}
