import type { RegionalStores, RegionStores } from '../ports/regional-stores';
import type { RuntimeConfig } from '../shared/runtime-config';
import type { AwsClients } from './aws-clients';
import { DynamoAggregateStore } from './dynamodb/aggregate-store';
import { DynamoDataKeyStore } from './dynamodb/data-key-store';
import { DynamoRecordStore } from './dynamodb/record-store';
import { S3ContentStore } from './s3/content-store';

/** The stores of each configured region, named by resource-names.ts, built on first use. */
export class AwsRegionalStores implements RegionalStores {
  private readonly built = new Map<string, RegionStores>();
  readonly regions: readonly string[];

  constructor(
    private readonly config: Pick<RuntimeConfig, 'regions' | 'regional'>,
    private readonly clients: AwsClients,
  ) {
    this.regions = config.regions;
  }

  storesFor(region: string): RegionStores {
    let stores = this.built.get(region);
    if (!stores) {
      const names = this.config.regional[region];
      if (!names)
        throw new RangeError(
          `region ${region} is not served by this deployment (it serves ${this.regions.join(', ')})`,
        );
      const dynamo = this.clients.dynamoFor(region);
      const s3 = this.clients.s3For(region);
      stores = {
        region,
        records: new DynamoRecordStore(dynamo, names.recordsTable, region),
        keys: new DynamoDataKeyStore(dynamo, names.keysTable, region),
        aggregates: new DynamoAggregateStore(dynamo, names.aggregatesTable, region),
        content: new S3ContentStore(s3, names.contentBucket, region),
        archive: new S3ContentStore(s3, names.archiveBucket, region),
        litigation: new S3ContentStore(s3, names.litigationBucket, region),
      };
      this.built.set(region, stores);
    }
    return stores;
  }
}
