import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { SealedDataRejected } from '../../../functions/domain/crypto/envelope';
import { DataKeyGone, type SealingScope } from '../../../functions/usecases/personal-data/personal-data-vault';
import { dynamoDbClient, homeRegion, localNames } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

const scopeOf = (tenantId: string, partitionId = ulid()): SealingScope => ({
  region: homeRegion(),
  tenantId,
  dataClass: 'transcript',
  partitionId,
});

describe('personal data sealed under a per-partition key, wrapped by KMS', () => {
  it('opens what it sealed, in another Lambda instance too (no shared cache)', async () => {
    // Prepare
    const scope = scopeOf(freshTenant());
    const sealed = await testContainer().vault.sealJson(scope, { text: 'Hi, I am Anna, anna@example.com' });
    // Act
    const opened = await testContainer().vault.openJson(scope, sealed);
    // Assess
    expect(opened).toEqual({ text: 'Hi, I am Anna, anna@example.com' });
  });

  it('keeps only the KMS-wrapped key in the keys table, bound to {tenant, dekId}', async () => {
    // Prepare
    const { vault, keyVault } = testContainer();
    const scope = scopeOf(freshTenant());
    await vault.seal(scope, 'the chat log');
    // Act
    const raw = await dynamoDbClient().send(
      new GetItemCommand({
        TableName: localNames().keysTable,
        Key: { pk: { S: `T#${scope.tenantId}#K#${scope.partitionId}` } },
      }),
    );
    // Assess
    const wrapped = raw.Item?.wrapped?.B;
    expect(wrapped).toBeDefined();
    const dek = await keyVault.decrypt(homeRegion(), 'data', wrapped as Uint8Array, {
      tenant: scope.tenantId,
      dekId: scope.partitionId,
    });
    expect(dek).toHaveLength(32);
  });

  it('makes every kept copy unreadable once the key is shredded', async () => {
    // Prepare
    const { vault } = testContainer();
    const scope = scopeOf(freshTenant());
    const rawCopy = await vault.seal(scope, 'Anna, +46 70 123 45 67'); // e.g. an old S3 version or a backup
    // Act
    await vault.shred(scope.region, scope.tenantId, scope.partitionId);
    // Assess
    await expect(vault.open(scope, rawCopy)).rejects.toBeInstanceOf(DataKeyGone);
    await expect(testContainer().vault.open(scope, rawCopy)).rejects.toBeInstanceOf(DataKeyGone);
  });

  it('refuses a sealed value moved to another partition of the same tenant', async () => {
    // Prepare
    const { vault } = testContainer();
    const tenantId = freshTenant();
    const [a, b] = [scopeOf(tenantId), scopeOf(tenantId)];
    const sealedForA = await vault.seal(a, 'for A only');
    await vault.seal(b, 'makes B a key');
    // Act / Assess
    await expect(vault.open(b, sealedForA)).rejects.toBeInstanceOf(SealedDataRejected);
  });

  it('agrees on one key when two instances seal the first data of a partition at the same time', async () => {
    // Prepare
    const scope = scopeOf(freshTenant());
    const [one, two] = [testContainer().vault, testContainer().vault];
    // Act
    const [fromOne, fromTwo] = await Promise.all([one.seal(scope, 'one'), two.seal(scope, 'two')]);
    // Assess
    const reader = testContainer().vault;
    expect((await reader.open(scope, fromOne)).toString()).toBe('one');
    expect((await reader.open(scope, fromTwo)).toString()).toBe('two');
  });
});
