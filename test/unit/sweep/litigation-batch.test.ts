import { randomBytes } from 'node:crypto';
import {
  batchEncryptionContext,
  batchIdOf,
  BatchRejected,
  batchObjectKey,
  openBatch,
  readBatch,
  sealBatch,
} from '../../../functions/domain/litigation/batch';
import type { OpenedRecord } from '../../../functions/domain/records';
import { recordsCsv } from '../../../functions/domain/sweep/records-csv';

const T = '01HZ8HH500BREB6SQNEZ5BVA77';
const PK = `T#${T}#I#01HZ8HH501D0AERVACKZ5XE2E1`;
const header = {
  tenantId: T,
  dataClass: 'transcript' as const,
  batchId: 'B1',
  region: 'eu-central-1',
  sealedAt: '2027-05-01T01:15:00.000Z',
  retainUntil: '2032-05-01T01:15:00.000Z',
};
const records: OpenedRecord[] = [
  {
    pk: PK,
    sk: 'MSG#2024-05-01T08:00:00.000Z#000000',
    dataClass: 'transcript',
    expiresAt: Date.parse('2027-05-01T00:00:00Z') / 1000,
    fields: { from: 'visitor', text: 'my order, =SUM(A1)' },
  },
  {
    pk: PK,
    sk: 'MSG#2024-05-01T08:00:05.000Z#000001',
    dataClass: 'transcript',
    expiresAt: Date.parse('2027-05-01T00:00:00Z') / 1000,
    fields: { from: 'agent', text: 'line one\nline two' },
  },
];

describe('a litigation batch', () => {
  const dek = randomBytes(32);
  const wrapped = randomBytes(60);

  it('opens to exactly the records sealed, with the data key KMS unwraps for its context', () => {
    // Act
    const stored = sealBatch(header, records, dek, wrapped);
    const read = readBatch(stored);
    // Assess
    expect(read.header).toMatchObject({ ...header, records: 2 });
    expect(Buffer.from(read.wrappedKey)).toEqual(wrapped);
    expect(batchEncryptionContext(read.header)).toEqual({ tenant: T, class: 'transcript', batchId: 'B1' });
    expect(openBatch(read, dek)).toEqual(records);
    expect(Buffer.from(stored).toString('utf8')).not.toContain('my order');
  });

  it('refuses a flipped ciphertext bit, an edited header and another key', () => {
    const read = readBatch(sealBatch(header, records, dek, wrapped));
    const sealed = Buffer.from(read.sealed, 'base64');
    sealed[20] ^= 1;
    expect(() => openBatch({ ...read, sealed: sealed.toString('base64') }, dek)).toThrow(BatchRejected);
    expect(() => openBatch({ ...read, header: { ...read.header, batchId: 'B2' } }, dek)).toThrow(BatchRejected);
    expect(() => openBatch({ ...read, header: { ...read.header, records: 1 } }, dek)).toThrow(BatchRejected);
    expect(() => openBatch(read, randomBytes(32))).toThrow(BatchRejected);
    expect(() => readBatch(Buffer.from('{"format":"something else"}'))).toThrow(BatchRejected);
  });

  it('holds one tenant and one class only', () => {
    expect(() => sealBatch(header, [{ ...records[0], dataClass: 'survey' }], dek, wrapped)).toThrow(RangeError);
    expect(() => sealBatch(header, [{ ...records[0], pk: 'T#other#I#x' }], dek, wrapped)).toThrow(RangeError);
  });

  it('the same records get the same id, so a re-run after a crash finds its batch done', () => {
    const keys = records.map(({ pk, sk }) => ({ pk, sk }));
    const id = batchIdOf(T, 'transcript', 'eu-central-1', keys);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(batchIdOf(T, 'transcript', 'eu-central-1', keys)).toBe(id);
    expect(batchIdOf(T, 'transcript', 'eu-central-1', keys.slice(1))).not.toBe(id);
    expect(batchObjectKey({ tenantId: T, dataClass: 'transcript', batchId: id })).toBe(`${T}/transcript/${id}.sealed`);
  });
});

describe('records as CSV', () => {
  it('has the key columns, then every field by name; a formula is neutralised and a line break quoted', () => {
    const csv = recordsCsv(records);
    expect(csv.split('\r\n')[0]).toBe('pk,sk,class,expiresAt,from,text');
    expect(csv).toContain(
      `${PK},MSG#2024-05-01T08:00:00.000Z#000000,transcript,2027-05-01T00:00:00.000Z,visitor,"my order, =SUM(A1)"`,
    );
    expect(csv).toContain('"line one\nline two"');
    expect(recordsCsv([{ ...records[0], fields: { note: '=HYPERLINK("x")' } }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
