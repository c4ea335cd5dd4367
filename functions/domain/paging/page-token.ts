import { validationFailed } from '../errors';

/**
 * The one decoder of the paging tokens the API hands out (`nextToken`): base64url JSON, accepted
 * only when `accept` recognises every part of it. Anything else, forged, foreign or truncated, is
 * a 400 naming `nextToken`, so no stored query ever sees a start it would refuse.
 */
export function decodePageToken<T>(
  token: string,
  accept: (parsed: unknown) => T | undefined,
  handedOutBy = 'this query',
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const accepted = parsed === undefined ? undefined : accept(parsed);
  if (accepted === undefined)
    throw validationFailed([{ path: 'nextToken', message: `is not a token ${handedOutBy} handed out` }]);
  return accepted;
}

export const encodePageToken = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
