/**
 * Where an audited request came from, without naming one machine: IPv4 cut to its /24, IPv6 to
 * its /48 (an IPv4-mapped IPv6 address counts as IPv4). Enough to tell an office from a foreign
 * network in an investigation; not enough to single out a home connection.
 */
export function auditSource(ip: string | undefined): string {
  const address = (ip ?? '').trim().replace(/^::ffff:(?=\d+\.)/i, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4?.slice(1).every((octet) => Number(octet) <= 255)) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ipv6Groups(address);
  if (groups) {
    const prefix = groups.slice(0, 3);
    while (prefix.length && prefix[prefix.length - 1] === 0) prefix.pop(); // trailing zeros fold into `::`
    return `${prefix.map((g) => g.toString(16)).join(':')}::/48`;
  }
  return 'unknown';
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped), or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const text = address.replace(/%.*$/, '');
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}
