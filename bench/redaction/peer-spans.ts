import type { Finding } from '../../functions/domain/redaction';

/**
 * redact-pii returns only the redacted text. To score it like Lethe we recover which input
 * characters each placeholder replaced: the text between placeholders must appear verbatim in
 * the input, in order, and each placeholder stands for at least one character. A forward pass
 * marks the input positions reachable after each piece, a backward pass picks one alignment
 * (the shortest placeholder when several fit, i.e. the least redaction consistent with the output).
 */
const PEER_TYPES: Record<string, string> = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD_NUMBER: 'card',
  IP_ADDRESS: 'ip',
  US_SOCIAL_SECURITY_NUMBER: 'ssn',
  PERSON_NAME: 'name',
  STREET_ADDRESS: 'street_address',
  ZIPCODE: 'zipcode',
  USERNAME: 'username',
  PASSWORD: 'password',
  CREDENTIALS: 'credentials',
  DIGITS: 'digits',
  URL: 'url',
};
const TOKEN = new RegExp(Object.keys(PEER_TYPES).join('|'), 'g');

type Piece = { literal: string } | { type: string };

export function peerFindings(input: string, output: string): Finding[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const m of output.matchAll(TOKEN)) {
    pieces.push({ literal: output.slice(at, m.index) }, { type: PEER_TYPES[m[0]] });
    at = m.index + m[0].length;
  }
  if (pieces.length === 0) return [];
  pieces.push({ literal: output.slice(at) });

  const n = input.length;
  const reach: boolean[][] = [];
  let current = new Array<boolean>(n + 1).fill(false);
  current[0] = true;
  for (const piece of pieces) {
    const next = new Array<boolean>(n + 1).fill(false);
    if ('literal' in piece) {
      for (let p = 0; p <= n; p++)
        if (current[p] && input.startsWith(piece.literal, p)) next[p + piece.literal.length] = true;
    } else {
      let seen = false;
      for (let p = 0; p <= n; p++) {
        if (seen) next[p] = true;
        if (current[p]) seen = true;
      }
    }
    reach.push(current);
    current = next;
  }
  if (!current[n]) throw new Error(`cannot align redact-pii output with its input: ${JSON.stringify(output)}`);

  const findings: Finding[] = [];
  let end = n;
  for (let k = pieces.length - 1; k >= 0; k--) {
    const piece = pieces[k];
    const before = reach[k];
    if ('literal' in piece) {
      end -= piece.literal.length;
      continue;
    }
    let start = end - 1;
    while (!before[start]) start--;
    findings.push({ type: piece.type, start, end });
    end = start;
  }
  return findings.reverse();
}
