import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['ip'] });

describe('IP detector: IPv4 with octets 0-255, IPv6 full or compressed', () => {
  it.each([
    ['192.168.1.10', 'IPv4'],
    ['8.8.8.8', 'IPv4, one-digit octets'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'IPv6, full'],
    ['2001:db8::8a2e:370:7334', 'IPv6, compressed'],
    ['fe80::1ff:fe23:4567:890a', 'IPv6 link-local'],
    ['::ffff:192.0.2.1', 'IPv4-mapped IPv6'],
    ['2001:db8:0:0:0:0:192.0.2.1', 'IPv6 with an IPv4 tail, full'],
    ['2001:DB8::1', 'IPv6, compressed, upper case'],
  ])('redacts %j (%s)', (ip) => {
    expect(redactor.redact(`from ${ip}.`).text).toBe('from [IP].');
  });

  it.each([
    ['256.1.1.1', 'an octet above 255'],
    ['1.2.3.4.5', 'a version with five parts'],
    ['01.02.03.04', 'leading zeros'],
    ['14:30:00', 'a time'],
    ['std::vector<int>', 'C++ scope, glued to a word'],
    ['Note:: see below', 'two colons after a word'],
    ['00:1a:2b:3c:4d:5e', 'six groups (a MAC address is not an IP)'],
    ['12.03.2024', 'a date'],
    ['2001:db8::8a2e::7334', 'two compressions'],
    ['2001:db8:::7334', 'three colons in a row'],
    ['2001:db8:85a3:0:0:8a2e:370:7334:1', 'nine groups'],
    ['2001:db8::12345', 'a group of five hex digits'],
    ['::ffff:192.0.2.256', 'an IPv4 tail with an octet above 255'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });
});
