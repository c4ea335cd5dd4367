import type { ApiOperation } from './operation';

const pascal = (word: string) =>
  word.replace(/(^|[-_.])([a-z0-9])/gi, (_m, _sep: string, c: string) => c.toUpperCase());

/**
 * The operationId of a route, derived from its method and path so that it never drifts from the
 * route table and two routes never share one: `POST /v1/interactions/{id}/messages` is
 * `postInteractionsByIdMessages`. Generated clients name their functions after it.
 */
export function operationIdOf(op: Pick<ApiOperation, 'method' | 'path'>): string {
  const segments = op.path
    .split('/')
    .slice(2)
    .map((segment) => (segment.startsWith('{') ? `By${pascal(segment.slice(1, -1))}` : pascal(segment)));
  return `${op.method}${segments.join('')}`;
}
