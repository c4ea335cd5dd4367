/**
 * Query values as people type them. API Gateway hands them over percent-decoded but keeps `+`,
 * while browsers' forms and people write `+` for a space (`?name=Anna+Berg`). In a name, a name's
 * start or a label every `+` is a space; in a phone number a leading `+` is the international prefix and the others
 * are spaces (`+46+70+123+45+67`). Other values keep theirs: an e-mail may hold a `+`, an instant
 * its offset, a token anything.
 */
const SPACED = new Set(['name', 'namePrefix', 'queue', 'agent', 'group']);

export function typedQuery(raw: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      if (value === undefined) return [key, value];
      if (SPACED.has(key)) return [key, value.replaceAll('+', ' ')];
      if (key === 'phone') return [key, value.replace(/(?!^)\+/g, ' ')];
      return [key, value];
    }),
  );
}
