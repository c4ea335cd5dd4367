import type { FindingSink } from '../types';

/**
 * User info in URLs (`https://anna:s3cret@host/…`): everything between `://` and `@` when no
 * `/`, `?`, `#` or whitespace comes first. Precise because it needs both markers.
 */
const MAX_USER_INFO = 256;

export function scanCredentials(text: string, out: FindingSink): void {
  for (let p = text.indexOf('://'); p !== -1; p = text.indexOf('://', p + 3)) {
    const start = p + 3;
    const limit = Math.min(text.length, start + MAX_USER_INFO);
    for (let i = start; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 64 /* @ */) {
        if (i > start) out.push({ type: 'credentials', start, end: i });
        break;
      }
      if (c <= 32 || c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    }
  }
}
