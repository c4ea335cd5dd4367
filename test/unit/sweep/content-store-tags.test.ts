import type { S3Client } from '@aws-sdk/client-s3';
import { S3ContentStore } from '../../../functions/adapters/s3/content-store';
import { backstopTags } from '../../../functions/domain/retention/content-backstop';

describe('tags on content objects (the lifecycle backstop filters on them)', () => {
  it('are sent with the put itself, so no version exists untagged (the local emulator ignores them), and replaced later by a tagging request', async () => {
    // Prepare
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => (
        sent.push({ name: command.constructor.name, input: command.input }), {}
      ),
    } as unknown as S3Client;
    const store = new S3ContentStore(client, 'lethe-000000000000-eu-central-1-content', 'eu-central-1');
    // Act
    await store.put('recording/T1/I1/R1', new Uint8Array([1]), {
      contentType: 'application/octet-stream',
      tags: backstopTags('on'),
    });
    await store.put('playback/T1/x.mp3', new Uint8Array([1]));
    const tagged = await store.setTags('recording/T1/I1/R1', backstopTags('held'));
    // Assess
    expect(sent[0]).toMatchObject({
      name: 'PutObjectCommand',
      input: { Key: 'recording/T1/I1/R1', Tagging: 'lethe-backstop=on' },
    });
    expect(sent[1].input).not.toHaveProperty('Tagging');
    expect(sent[2]).toMatchObject({
      name: 'PutObjectTaggingCommand',
      input: { Key: 'recording/T1/I1/R1', Tagging: { TagSet: [{ Key: 'lethe-backstop', Value: 'held' }] } },
    });
    expect(tagged).toBe(true);
  });
});
