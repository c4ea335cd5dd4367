import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sdkNamesImportedUnder, sourcesUnder } from '../../infra/constructs/sdk-imports';

const FUNCTIONS = join(__dirname, '..', '..', 'functions');

describe('the lazy SDK shims of the bundles carry every name the functions import from the AWS SDK', () => {
  it('no function imports an SDK package as a namespace or with import(), which the shims could not see', () => {
    // Prepare
    const sources = sourcesUnder(FUNCTIONS);

    // Act
    const unseen = sources.filter((file) =>
      /import\s*\*\s*as\s+\w+\s+from\s*'@aws-sdk\/|import\(\s*'@aws-sdk\/|require\(\s*'@aws-sdk\//.test(
        readFileSync(file, 'utf8'),
      ),
    );

    // Assess
    expect(sources.length).toBeGreaterThan(100);
    expect(unseen).toEqual([]);
  });

  it('the names found are exactly those the sources import, multi-line lists and renames included', () => {
    // Prepare
    const imported = sdkNamesImportedUnder(FUNCTIONS);

    // Act
    const s3 = [...(imported.get('@aws-sdk/client-s3') ?? [])];
    const documentClient = [...(imported.get('@aws-sdk/lib-dynamodb') ?? [])];

    // Assess
    expect(s3).toEqual(expect.arrayContaining(['S3Client', 'PutObjectCommand', 'GetObjectCommand']));
    expect(documentClient).toEqual(expect.arrayContaining(['DynamoDBDocumentClient', 'TransactWriteCommand']));
    expect([...imported.values()].flatMap((names) => [...names]).every((n) => /^[A-Za-z_$][\w$]*$/.test(n))).toBe(true);
  });

  it('every name found is a value its package exports, so a shim never answers undefined', () => {
    // Prepare
    const imported = sdkNamesImportedUnder(FUNCTIONS);

    // Act
    const missing = [...imported].flatMap(([pkg, names]) => {
      const exported = require(pkg) as Record<string, unknown>;
      return [...names].filter((n) => exported[n] === undefined).map((n) => `${pkg}: ${n}`);
    });

    // Assess
    expect(imported.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});
