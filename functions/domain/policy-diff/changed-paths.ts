const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Dotted paths at which two JSON values differ, descending into objects at most `depth` levels
 * (arrays compare whole): `redaction.patterns`, `access.supportAccess`, `channels.chat.storeBody`.
 */
export function changedPaths(before: unknown, after: unknown, depth: number, prefix = ''): string[] {
  if (depth > 0 && isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], depth - 1, prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(root)'];
}
