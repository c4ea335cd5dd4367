import type { CounterIncrement } from './counters';
import { DIMENSIONS, METRICS, type Dimension, type Metric } from './metrics';

/**
 * Keys of the aggregates table (docs/storage-layout.md): one partition per tenant and month,
 * `T#<t>#M#<YYYY-MM>`, sorted by `<YYYY-MM-DD>#<metric>#<dim>=<value>#…`, so a date range is one
 * Query per month. Dimension values are URI-encoded: a `#` or `=` in a queue name cannot forge a key.
 */
export interface CounterKey {
  pk: string;
  sk: string;
}

export const counterPartition = (tenantId: string, month: string) => `T#${tenantId}#M#${month}`;

export function counterKey(tenantId: string, c: Pick<CounterIncrement, 'day' | 'metric' | 'dims'>): CounterKey {
  const dims = DIMENSIONS.filter((d) => c.dims[d] !== undefined).map(
    (d) => `${d}=${encodeURIComponent(c.dims[d] as string)}`,
  );
  return { pk: counterPartition(tenantId, c.day.slice(0, 7)), sk: [c.day, c.metric, ...dims].join('#') };
}

/** Reads a counter sort key back; undefined for anything that is not a counter. */
export function parseCounterSortKey(
  sk: string,
): { day: string; metric: Metric; dims: Partial<Record<Dimension, string>> } | undefined {
  const [day, metric, ...parts] = sk.split('#');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') || !(METRICS as readonly string[]).includes(metric)) return undefined;
  const dims: Partial<Record<Dimension, string>> = {};
  for (const part of parts) {
    const [name, value] = part.split('=');
    if (!(DIMENSIONS as readonly string[]).includes(name) || value === undefined) return undefined;
    dims[name as Dimension] = decodeURIComponent(value);
  }
  return { day, metric: metric as Metric, dims };
}

/** One transaction may touch an item once: increments of the same counter are summed first. */
export function mergeIncrements(tenantId: string, increments: readonly CounterIncrement[]): CounterIncrement[] {
  const merged = new Map<string, CounterIncrement>();
  for (const inc of increments) {
    const { pk, sk } = counterKey(tenantId, inc);
    const key = `${pk}|${sk}`;
    const current = merged.get(key);
    merged.set(key, current ? { ...current, by: current.by + inc.by } : { ...inc });
  }
  return [...merged.values()];
}
