import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { open, SealedDataRejected, sealingAad } from '../../../functions/domain/crypto/envelope';
import { unwrapDataKey } from '../../../functions/domain/crypto/key-wrap';
import { KEY_ENCRYPTION_KEY_ID } from '../../../functions/ports/data-key-store';
import { keyEncryptionKeyContext } from '../../../functions/usecases/personal-data/key-encryption-keys';
import { DataKeyGone, type SealingScope } from '../../../functions/usecases/personal-data/personal-data-vault';
import { dynamoDbClient, homeRegion, localNames } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

const scopeOf = (tenantId: string, partitionId = ulid()): SealingScope => ({
  region: homeRegion(),
  tenantId,
  dataClass: 'transcript',
  partitionId,
});

describe("personal data sealed under a per-partition key, wrapped under the tenant's KMS-wrapped key-encryption key", () => {
  it('opens what it sealed, in another Lambda instance too (no shared cache)', async () => {
    // Prepare
    const scope = scopeOf(freshTenant());
    const sealed = await testContainer().vault.sealJson(scope, { text: 'Hi, I am Anna, anna@example.com' });
    // Act
    const opened = await testContainer().vault.openJson(scope, sealed);
    // Assess
    expect(opened).toEqual({ text: 'Hi, I am Anna, anna@example.com' });
  });

  it("keeps each data key only wrapped under the tenant's key-encryption key, which only KMS unwraps", async () => {
    // Prepare
    const { vault, keyVault } = testContainer();
    const scope = scopeOf(freshTenant());
    const sealed = await vault.seal(scope, 'the chat log');
    // Act
    const raw = async (pk: string) =>
      (await dynamoDbClient().send(new GetItemCommand({ TableName: localNames().keysTable, Key: { pk: { S: pk } } })))
        .Item;
    const dekItem = await raw(`T#${scope.tenantId}#K#${scope.partitionId}`);
    const kekItem = await raw(`T#${scope.tenantId}#K#${KEY_ENCRYPTION_KEY_ID}`);
    // Assess
    expect(dekItem?.wrappedBy?.S).toBe('kek');
    expect(kekItem?.wrappedBy).toBeUndefined();
    const kek = await keyVault.decrypt(
      homeRegion(),
      'data',
      kekItem?.wrapped?.B as Uint8Array,
      keyEncryptionKeyContext(scope.tenantId),
    );
    const dek = unwrapDataKey(kek, dekItem?.wrapped?.B as Uint8Array, scope.tenantId, homeRegion(), scope.partitionId);
    expect(open(dek, sealed, sealingAad(scope.tenantId, scope.dataClass, scope.partitionId)).toString()).toBe(
      'the chat log',
    );
  });

  it('makes every kept copy unreadable once the key is shredded', async () => {
    // Prepare
    const { vault } = testContainer();
    const scope = scopeOf(freshTenant());
    const rawCopy = await vault.seal(scope, 'Anna, +46 70 123 45 67'); // e.g. an old S3 version or a backup
    // Act
    await vault.shred(scope.region, scope.tenantId, scope.partitionId, 'tenant-purge');
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
