import { createHash } from 'node:crypto';
import { packageManifest, type PackageManifestInput } from '../../../../functions/domain/export/package-manifest';

const input = (files: PackageManifestInput['files']): PackageManifestInput => ({
  kind: 'subject-export',
  requestId: '01HZX5R0000000000000000000',
  tenantId: '01HZX3K6J8M2Q4R5S6T7V8W9XA',
  createdAt: new Date('2024-11-05T03:00:00.000Z'),
  files,
});

describe('export package manifest', () => {
  it('lists every file with its class, record count, size and SHA-256, and totals records per class', () => {
    // Prepare
    const csv = 'interactionId,channel\r\n01HZX4A,chat\r\n';
    const audio = new Uint8Array([1, 2, 3, 4]);
    const files = [
      { path: 'general-info.csv', mediaType: 'text/csv', dataClass: 'interaction' as const, records: 1, content: csv },
      {
        path: 'transcripts/01HZX4A.xml',
        mediaType: 'application/xml',
        dataClass: 'transcript' as const,
        records: 12,
        content: '<chatLog/>',
      },
      {
        path: 'transcripts/01HZX4B.xml',
        mediaType: 'application/xml',
        dataClass: 'transcript' as const,
        records: 3,
        content: '<chatLog/>',
      },
      {
        path: 'recordings/r-1.mp3',
        mediaType: 'audio/mpeg',
        dataClass: 'recording' as const,
        records: 1,
        content: audio,
      },
      { path: 'summary.md', mediaType: 'text/markdown', content: '# What we hold about you' },
    ];
    // Act
    const manifest = JSON.parse(packageManifest(input(files)));
    // Assess
    expect(manifest).toMatchObject({
      format: 'lethe-export',
      formatVersion: 1,
      kind: 'subject-export',
      createdAt: '2024-11-05T03:00:00.000Z',
    });
    expect(manifest.recordsByClass).toEqual({ interaction: 1, transcript: 15, recording: 1 });
    expect(manifest.files[0]).toEqual({
      path: 'general-info.csv',
      mediaType: 'text/csv',
      class: 'interaction',
      records: 1,
      bytes: Buffer.byteLength(csv),
      sha256: createHash('sha256').update(csv).digest('hex'),
    });
    expect(manifest.files[3]).toMatchObject({ bytes: 4, sha256: createHash('sha256').update(audio).digest('hex') });
    expect(manifest.files[4]).toEqual({
      path: 'summary.md',
      mediaType: 'text/markdown',
      bytes: 24,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([['../etc/passwd'], ['/abs.json'], ['a/../../b'], ['a//b'], ['a\\b'], ['']])(
    'a path that would leave the package is refused: %j',
    (path) => {
      expect(() => packageManifest(input([{ path, mediaType: 'text/plain', content: 'x' }]))).toThrow(
        /would leave the package/,
      );
    },
  );

  it('the same path twice is refused', () => {
    const file = { path: 'a.json', mediaType: 'application/json', content: '{}' };
    expect(() => packageManifest(input([file, file]))).toThrow(/appears twice/);
  });
});
