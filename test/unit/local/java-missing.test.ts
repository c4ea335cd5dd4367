import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { JAVA_MISSING, startDynamoDbLocal } from '../../../infra/local/emulators/dynamodb-local';

describe('DynamoDB Local without a Java runtime', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('fails with a message saying how to install one', async () => {
    // Prepare: a PATH with a shell but no java
    const bin = mkdtempSync(join(tmpdir(), 'lethe-no-java-'));
    symlinkSync(execFileSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).trim(), join(bin, 'sh'));
    process.env.PATH = bin;

    // Act
    const start = startDynamoDbLocal({});

    // Assess
    await expect(start).rejects.toThrow(JAVA_MISSING);
    expect(JAVA_MISSING).toContain('apt-get install -y default-jre-headless');
  });
});
