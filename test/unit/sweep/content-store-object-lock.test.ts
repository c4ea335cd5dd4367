import type { S3Client } from '@aws-sdk/client-s3';
import { S3ContentStore } from '../../../functions/adapters/s3/content-store';

describe('putting a litigation batch', () => {
  it('asks S3 for compliance-mode Object Lock until the batch retention ends (the local emulator ignores it)', async () => {
    // Prepare
    const sent: Array<Record<string, unknown>> = [];
    const client = {
      send: async (command: { input: Record<string, unknown> }) => (sent.push(command.input), {}),
    } as unknown as S3Client;
    const store = new S3ContentStore(client, 'lethe-000000000000-eu-central-1-litigation', 'eu-central-1');
    const retainUntil = new Date('2032-05-01T01:15:00.000Z');
    // Act
    await store.put('T1/transcript/B1.sealed', new Uint8Array([1]), {
      contentType: 'application/json',
      objectLock: { mode: 'COMPLIANCE', retainUntil },
    });
    await store.put('T1/transcript/plain', new Uint8Array([1]));
    // Assess
    expect(sent[0]).toMatchObject({
      Key: 'T1/transcript/B1.sealed',
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: retainUntil,
    });
    expect(sent[1]).not.toHaveProperty('ObjectLockMode');
  });
});
