/**
 * API Gateway's route selection, pure: a literal path segment beats `{param}`, which beats a
 * greedy `{proxy+}`; an exact method beats ANY. Path parameters come back URL-decoded.
 */
export interface RouteKey {
  path: string;
  method: string;
}

export interface RouteMatch<R extends RouteKey> {
  route: R;
  pathParameters: Record<string, string>;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

const RANK = { literal: 2, param: 1, greedy: 0 } as const;

export function matchRoute<R extends RouteKey>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  const requested = splitPath(path);
  let best: { match: RouteMatch<R>; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const segments = parse(route.path);
    const pathParameters = bind(segments, requested);
    if (!pathParameters) continue;
    const score = [...segments.map((s) => RANK[s.kind]), route.method === 'ANY' ? 0 : 1];
    if (!best || compare(score, best.score) > 0) best = { match: { route, pathParameters }, score };
  }
  return best?.match;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function parse(path: string): Segment[] {
  return splitPath(path).map((s) => {
    const param = /^\{(.+?)(\+?)\}$/.exec(s);
    if (!param) return { kind: 'literal', text: s };
    return param[2] ? { kind: 'greedy', name: param[1] } : { kind: 'param', name: param[1] };
  });
}

function bind(segments: Segment[], requested: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'greedy') {
      if (i >= requested.length) return undefined;
      params[s.name] = requested.slice(i).map(decode).join('/');
      return params;
    }
    if (i >= requested.length) return undefined;
    if (s.kind === 'literal' && s.text !== requested[i]) return undefined;
    if (s.kind === 'param') params[s.name] = decode(requested[i]);
  }
  return segments.length === requested.length ? params : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Lexicographic: the first differing segment decides. */
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
