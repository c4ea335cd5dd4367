import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import type { LocalStack } from './local-cloud';

type Props = Record<string, unknown>;

/** What DynamoDB Local does not emulate, for the start-up log. */
export const TABLE_LIMITS =
  "DynamoDB Local: point-in-time recovery, KMS encryption and deletion protection are not emulated; TTL is set but expired items are not removed on AWS's schedule (Lethe treats expiresAt <= now as gone anyway).";

/**
 * Creates one AWS::DynamoDB::Table as the template declares it: keys, attribute definitions,
 * GSIs/LSIs with their projections, streams, TTL. An existing table is kept; indexes and TTL the
 * template has gained since are added, as a CloudFormation update would.
 */
export async function ensureTable(
  client: DynamoDBClient,
  stack: LocalStack,
  logicalId: string,
): Promise<'created' | 'existing'> {
  const props = stack.resolve(stack.resource(logicalId).Properties ?? {}) as Props;
  const input = createTableInput(stack.ref(logicalId), props);
  const existing = await describe(client, input.TableName!);
  if (!existing) await client.send(new CreateTableCommand(input));
  else await addMissingIndexes(client, input, existing.GlobalSecondaryIndexes?.map((g) => g.IndexName!) ?? []);
  await ensureTtl(
    client,
    input.TableName!,
    props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined,
  );
  return existing ? 'existing' : 'created';
}

function createTableInput(tableName: string, props: Props): CreateTableCommandInput {
  const onDemand = props.BillingMode === 'PAY_PER_REQUEST';
  const throughput = (p: unknown) =>
    onDemand ? {} : { ProvisionedThroughput: p as GlobalSecondaryIndex['ProvisionedThroughput'] };
  const index = (i: Props) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection,
    ...throughput(i.ProvisionedThroughput),
  });
  const stream = props.StreamSpecification as { StreamViewType?: string } | undefined;
  return {
    TableName: tableName,
    KeySchema: props.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: props.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...throughput(props.ProvisionedThroughput ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }),
    ...(props.GlobalSecondaryIndexes
      ? { GlobalSecondaryIndexes: (props.GlobalSecondaryIndexes as Props[]).map(index) as GlobalSecondaryIndex[] }
      : {}),
    ...(props.LocalSecondaryIndexes
      ? {
          LocalSecondaryIndexes: (props.LocalSecondaryIndexes as Props[]).map((i) => ({
            IndexName: i.IndexName,
            KeySchema: i.KeySchema,
            Projection: i.Projection,
          })) as CreateTableCommandInput['LocalSecondaryIndexes'],
        }
      : {}),
    ...(stream?.StreamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_AND_OLD_IMAGES' } }
      : {}),
  };
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** DynamoDB creates one GSI per UpdateTable call. */
async function addMissingIndexes(
  client: DynamoDBClient,
  input: CreateTableCommandInput,
  present: string[],
): Promise<void> {
  for (const gsi of input.GlobalSecondaryIndexes ?? []) {
    if (present.includes(gsi.IndexName!)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: input.TableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: gsi }],
      }),
    );
  }
}

async function ensureTtl(
  client: DynamoDBClient,
  tableName: string,
  ttl: { AttributeName?: string; Enabled?: boolean } | undefined,
): Promise<void> {
  if (!ttl?.Enabled || !ttl.AttributeName) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
    }),
  );
}
