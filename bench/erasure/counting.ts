import { performance } from 'node:perf_hooks';
import { AwsClients } from '../../functions/adapters/aws-clients';
import { DynamoTenantDirectory } from '../../functions/adapters/dynamodb/tenant-directory';
import { KmsKeyVault } from '../../functions/adapters/kms/key-vault';
import { AwsRegionalStores } from '../../functions/adapters/regional-stores';
import { S3ContentStore } from '../../functions/adapters/s3/content-store';
import type { Clock } from '../../functions/ports/clock';
import { buildContainer, type Container } from '../../functions/shared/container';
import type { RuntimeConfig } from '../../functions/shared/runtime-config';

/** Requests sent to AWS (the emulators), per service and command, counted by an SDK middleware, and the time spent waiting for them. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly waited = new Map<string, number>();
  private readonly units = { read: 0, write: 0 };

  add(service: string, command: string): void {
    const key = `${service} ${command.replace(/Command$/, '')}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Adds the duration of one request (milliseconds, from send to answer) to its service. */
  spent(service: string, ms: number): void {
    this.waited.set(service, (this.waited.get(service) ?? 0) + ms);
  }

  /** Adds the capacity units one DynamoDB request consumed (as DynamoDB reports them). */
  consumed(kind: 'read' | 'write', units: number): void {
    this.units[kind] += units;
  }

  reset(): void {
    this.counts.clear();
    this.waited.clear();
    this.units.read = 0;
    this.units.write = 0;
  }

  /** DynamoDB read and write capacity units consumed (RRU / WRU on an on-demand table). */
  capacityUnits(): { read: number; write: number } {
    return { ...this.units };
  }

  /** Milliseconds spent waiting for each service. */
  msByService(): Record<string, number> {
    return Object.fromEntries(this.waited);
  }

  /** Per service: total and per command, e.g. `{ DynamoDB: { total: 12, Query: 8, … } }`. */
  byService(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, n] of this.counts) {
      const [service, command] = key.split(' ');
      out[service] ??= { total: 0 };
      out[service][command] = n;
      out[service].total += n;
    }
    return out;
  }
}

type Next = (args: unknown) => Promise<unknown>;
/** The part of an SDK v3 client's middleware stack the counter uses. */
interface Counted {
  middlewareStack: {
    add(
      middleware: (next: Next, context: { commandName?: string }) => Next,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

const READ_COMMANDS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
type Capacity = { CapacityUnits?: number };

/** What one DynamoDB answer says it consumed (`ReturnConsumedCapacity: TOTAL`; one entry per table for batches). */
function consumedBy(output: unknown): number {
  const reported = (output as { output?: { ConsumedCapacity?: Capacity | Capacity[] } }).output?.ConsumedCapacity;
  return [reported ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
}

type TransactItem = { Put?: { Item?: unknown } };
const KB = 1024;

/**
 * The write units AWS bills for a TransactWriteItems: 2 per KB (rounded up) of each item it writes
 * (DynamoDB Developer Guide, "Capacity unit consumption for transactions"). DynamoDB Local reports 2
 * for the whole request whatever the number of items (checked: 1, 4 and 15 small puts all report 2), so the
 * units are also counted from the request. A put's size is the length of its JSON, close to DynamoDB's
 * sizing for the small items written here; an update, delete or condition check counts as one KB, a
 * lower bound (its item's size is not in the request). Both are lower bounds of the bill; the larger is kept.
 */
function transactWriteUnits(args: unknown): number {
  const items = ((args as { input?: { TransactItems?: TransactItem[] } }).input?.TransactItems ?? []) as TransactItem[];
  return items.reduce((units, item) => {
    const bytes = item.Put ? Buffer.byteLength(JSON.stringify(item.Put.Item ?? {})) : KB;
    return units + 2 * Math.max(1, Math.ceil(bytes / KB));
  }, 0);
}

/**
 * Counts every command the client sends, once per `send` (retries of one command are not counted
 * again), and times it; for DynamoDB also asks for and adds up the capacity units it consumed.
 */
function countOn(client: { middlewareStack: unknown }, service: string, counter: RequestCounter): void {
  (client as Counted).middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counter.add(service, command);
      const dynamo = service === 'DynamoDB';
      // Commands without the parameter (DescribeTable, …) drop it when they serialise.
      if (dynamo) (args as { input: Record<string, unknown> }).input.ReturnConsumedCapacity ??= 'TOTAL';
      const started = performance.now();
      try {
        const output = await next(args);
        if (dynamo)
          counter.consumed(
            READ_COMMANDS.has(command) ? 'read' : 'write',
            command === 'TransactWriteItems'
              ? Math.max(transactWriteUnits(args), consumedBy(output))
              : consumedBy(output),
          );
        return output;
      } finally {
        counter.spent(service, performance.now() - started);
      }
    },
    { step: 'initialize', name: `letheBenchCounter${service}` },
  );
}

/** The production container, with every SDK client of every region counting its requests. */
export function countingContainer(config: RuntimeConfig, clock: Clock, counter: RequestCounter): Container {
  const clients = new AwsClients(config);
  for (const region of config.regions) {
    countOn(clients.dynamoFor(region), 'DynamoDB', counter);
    countOn(clients.s3For(region), 'S3', counter);
    countOn(clients.kmsFor(region), 'KMS', counter);
  }
  const keyVault = new KmsKeyVault(
    (region) => clients.kmsFor(region),
    (region, key) =>
      key === 'data' ? config.regional[region].dataKeyAlias : config.regional[region].litigationKeyAlias,
  );
  return buildContainer(
    {
      clock,
      stores: new AwsRegionalStores(config, clients),
      directory: new DynamoTenantDirectory(clients.dynamoFor(config.homeRegion), config.home.directoryTable),
      exports: new S3ContentStore(clients.s3For(config.homeRegion), config.home.exportBucket, config.homeRegion),
      keyVault,
    },
    config,
  );
}
