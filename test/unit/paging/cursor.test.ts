import { decodeCursor, prefixShape, TABLE_KEYS } from '../../../functions/adapters/dynamodb/cursor';
import { LetheError } from '../../../functions/domain/errors';

const token = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
const PK = 'T#01HTENANTAAAAAAAAAAAAAAAAA';

/** The field and reason a refused cursor names, or the start key it stands for. */
const outcome = (act: () => unknown): unknown => {
  try {
    return act();
  } catch (error) {
    if (error instanceof LetheError) return { code: error.code, fields: error.fields };
    throw error;
  }
};
const REFUSED = {
  code: 'VALIDATION_FAILED',
  fields: [{ path: 'nextToken', message: 'is not a token this query handed out' }],
};

describe('a paging cursor is followed only when it is a start key this very query could have handed out', () => {
  it("follows a start key of the partition whose sort key lies in the query's condition", () => {
    // Act
    const start = outcome(() => decodeCursor(token({ pk: PK, sk: 'POLICY#0000000007' }), prefixShape(PK, 'POLICY#')));
    // Assess
    expect(start).toEqual({ pk: PK, sk: 'POLICY#0000000007' });
  });

  it.each([
    ["a sort key outside the query's prefix (the forged /v1/policy/revisions token)", { pk: PK, sk: 'HOLD#x' }],
    ["another tenant's partition", { pk: 'T#01HTENANTBBBBBBBBBBBBBBBBB', sk: 'POLICY#1' }],
    ['a missing sort key', { pk: PK }],
    ['an attribute that is no key', { pk: PK, sk: 'POLICY#1', other: 'x' }],
    ['a sort key of the wrong type', { pk: PK, sk: 7 }],
    ['an empty sort key', { pk: PK, sk: '' }],
    ['a sort key longer than DynamoDB allows', { pk: PK, sk: `POLICY#${'x'.repeat(3000)}` }],
    ['a list', [PK, 'POLICY#1']],
    ['null', null],
  ])('refuses %s with a 400 naming nextToken', (_case, key) => {
    // Act
    const refused = outcome(() => decodeCursor(token(key), prefixShape(PK, 'POLICY#')));
    // Assess
    expect(refused).toEqual(REFUSED);
  });

  it('refuses what is not base64url JSON at all', () => {
    // Act / Assess
    expect(outcome(() => decodeCursor('%%%not-a-token', prefixShape(PK, 'POLICY#')))).toEqual(REFUSED);
  });

  it("checks an index's start key for the index keys and the sort-key condition", () => {
    // Prepare
    const shape = {
      keys: { ...TABLE_KEYS, expiryBucket: 'S', expiresAt: 'N' } as const,
      partition: ['expiryBucket', 'E#2024-03-01'] as [string, string],
      sortKey: ['expiresAt', (at: string | number) => Number(at) <= 100] as [string, (v: string | number) => boolean],
    };
    const start = { pk: PK, sk: 'I#1', expiryBucket: 'E#2024-03-01', expiresAt: 90 };
    // Act / Assess
    expect(outcome(() => decodeCursor(token(start), shape))).toEqual(start);
    expect(outcome(() => decodeCursor(token({ ...start, expiresAt: 101 }), shape))).toEqual(REFUSED);
    expect(outcome(() => decodeCursor(token({ ...start, expiresAt: '90' }), shape))).toEqual(REFUSED);
  });
});
