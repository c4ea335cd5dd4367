import { randomBytes } from 'node:crypto';

/** Replaces a personal value with a token; the same value gets the same token within one issuer. */
export type TokenIssuer = (value: string) => string;

/**
 * Tokens for one anonymisation run. A token is random, never derived from the value (a hash of a
 * phone number can be reversed by hashing every phone number); the issuer remembers its
 * value→token pairs only while the run lasts, so events of one session still group together
 * afterwards but nothing can map a token back.
 */
export function tokenIssuer(random: (bytes: number) => Uint8Array = randomBytes): TokenIssuer {
  const issued = new Map<string, string>();
  return (value) => {
    let token = issued.get(value);
    if (!token) {
      token = `anon-${Buffer.from(random(16)).toString('hex')}`;
      issued.set(value, token);
    }
    return token;
  };
}
