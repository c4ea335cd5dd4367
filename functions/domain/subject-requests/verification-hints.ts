import { IDENTIFIER_KINDS, type IdentifierKind } from '../data-class';
import type { SubjectIdentifiers } from '../records';

/**
 * What an admin checks a channel's request against before confirming it: each identifier kind
 * filed with a masked hint (a few characters, never the value), enough to ask the person "your
 * e-mail starts with a and ends in .fr?", not enough to learn who they are. Kept only while the
 * request waits for verification.
 */
export interface VerificationHint {
  kind: IdentifierKind;
  masked: string;
}

const HIDDEN = '•••';

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const dot = email.lastIndexOf('.');
  const topLevel = dot > at ? email.slice(dot) : '';
  return at > 0 ? `${email[0]}${HIDDEN}@${HIDDEN}${topLevel}` : HIDDEN;
}

function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 4 ? `${HIDDEN}${digits.slice(-2)}` : HIDDEN;
}

const maskName = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}${HIDDEN}`)
    .join(' ');
const maskVisitorId = (id: string) => (id.length > 8 ? `${HIDDEN}${id.slice(-3)}` : HIDDEN);

const MASKS: Record<IdentifierKind, (value: string) => string> = {
  email: maskEmail,
  phone: maskPhone,
  name: maskName,
  visitorId: maskVisitorId,
};

/** The hints of the identifiers filed, in the order of IDENTIFIER_KINDS. */
export function verificationHints(identifiers: SubjectIdentifiers): VerificationHint[] {
  return IDENTIFIER_KINDS.flatMap((kind) => {
    const value = identifiers[kind]?.trim();
    return value ? [{ kind, masked: MASKS[kind](value) }] : [];
  });
}
