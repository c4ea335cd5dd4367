import { readFileSync } from 'node:fs';
import { env } from '../support/emulators';

/**
 * What the local emulators expose (finding M4): DynamoDB Local (through LoopbackDynamoDbLocal.java,
 * this machine has a JDK), s3rver, the KMS endpoint and the API listen on loopback only.
 */

/** The local addresses sockets listen on for `port`, from the kernel's tables (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => fields[1].split(':')[0]),
  );
}
/** 127.0.0.1 as IPv4, or as an IPv4-mapped IPv6 address, in /proc's byte order. */
const LOOPBACK = ['0100007F', '0000000000000000FFFF00000100007F'];

describe('the local emulators listen on loopback only', () => {
  it.each(['LETHE_DYNAMODB_ENDPOINT', 'LETHE_S3_ENDPOINT', 'LETHE_KMS_ENDPOINT', 'LETHE_API'])('%s', (name) => {
    // Prepare
    const endpoint = new URL(env(name));
    // Act
    const addresses = listeningAddresses(Number(endpoint.port));
    // Assess
    expect(endpoint.hostname).toBe('127.0.0.1');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((a) => !LOOPBACK.includes(a))).toEqual([]);
  });
});
