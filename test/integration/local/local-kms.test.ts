import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  ListAliasesCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { ulid } from 'ulid';
import { homeRegion, kmsClient, localNames, regions } from '../../support/emulators';

/** The local KMS endpoint through the unmodified @aws-sdk/client-kms, as the adapters use it. */
describe('local KMS', () => {
  const region = homeRegion();
  const { dataKeyAlias, litigationKeyAlias } = localNames(region);

  it('a data key generated under the regional key opens again with the same encryption context', async () => {
    // Prepare
    const kms = kmsClient(region);
    const context = { tenant: ulid(), dekId: ulid() };
    const generated = await kms.send(
      new GenerateDataKeyCommand({ KeyId: dataKeyAlias, KeySpec: 'AES_256', EncryptionContext: context }),
    );

    // Act
    const opened = await kms.send(
      new DecryptCommand({
        CiphertextBlob: generated.CiphertextBlob,
        EncryptionContext: { dekId: context.dekId, tenant: context.tenant },
      }),
    );

    // Assess
    expect(generated.Plaintext).toHaveLength(32);
    expect(Buffer.from(opened.Plaintext!)).toEqual(Buffer.from(generated.Plaintext!));
    expect(opened.KeyId).toBe(generated.KeyId);
    expect(generated.KeyId).toMatch(new RegExp(`^arn:aws:kms:${region}:000000000000:key/`));
  });

  it('a wrapped key does not open under another tenant’s encryption context, nor without one', async () => {
    // Prepare
    const kms = kmsClient(region);
    const context = { tenant: ulid(), dekId: ulid() };
    const { CiphertextBlob } = await kms.send(
      new GenerateDataKeyCommand({ KeyId: dataKeyAlias, NumberOfBytes: 32, EncryptionContext: context }),
    );

    // Act
    const attempts = await Promise.allSettled([
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { ...context, tenant: ulid() } })),
      kms.send(new DecryptCommand({ CiphertextBlob })),
    ]);

    // Assess
    for (const attempt of attempts)
      expect(attempt.status === 'rejected' && attempt.reason).toBeInstanceOf(InvalidCiphertextException);
  });

  it('Encrypt and Decrypt accept the key by alias ARN and key ARN', async () => {
    // Prepare
    const kms = kmsClient(region);
    const aliasArn = `arn:aws:kms:${region}:000000000000:${dataKeyAlias}`;
    const plaintext = Buffer.from(`note ${ulid()}`);

    // Act
    const sealed = await kms.send(
      new EncryptCommand({ KeyId: aliasArn, Plaintext: plaintext, EncryptionContext: { purpose: 'test' } }),
    );
    const opened = await kms.send(
      new DecryptCommand({
        KeyId: sealed.KeyId,
        CiphertextBlob: sealed.CiphertextBlob,
        EncryptionContext: { purpose: 'test' },
      }),
    );

    // Assess
    expect(Buffer.from(opened.Plaintext!).toString()).toBe(plaintext.toString());
  });

  it('creates a key and an alias through the SDK, and describes the key by its alias', async () => {
    // Prepare
    const kms = kmsClient(region);
    const alias = `alias/test-${ulid().toLowerCase()}`;

    // Act
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'throw-away test key' }));
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: KeyMetadata!.KeyId }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
    const listed = await kms.send(new ListAliasesCommand({ KeyId: KeyMetadata!.Arn }));
    const again = await kms
      .send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: KeyMetadata!.KeyId }))
      .catch((e: unknown) => e);

    // Assess
    expect(described.KeyMetadata).toMatchObject({
      KeyId: KeyMetadata!.KeyId,
      Description: 'throw-away test key',
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    expect(listed.Aliases?.map((a) => a.AliasName)).toEqual([alias]);
    expect(again).toBeInstanceOf(AlreadyExistsException);
  });

  it('answers an unknown key with NotFoundException', async () => {
    // Act
    const unknown = kmsClient(region).send(new DescribeKeyCommand({ KeyId: 'alias/no-such-key' }));

    // Assess
    await expect(unknown).rejects.toBeInstanceOf(NotFoundException);
  });

  it('a ciphertext of one region does not open in another', async () => {
    // Prepare
    const other = regions().find((r) => r !== region)!;
    const { CiphertextBlob } = await kmsClient(region).send(
      new EncryptCommand({ KeyId: dataKeyAlias, Plaintext: Buffer.from('resident') }),
    );

    // Act
    const elsewhere = kmsClient(other).send(new DecryptCommand({ CiphertextBlob }));

    // Assess
    await expect(elsewhere).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  describe('the litigation key, whose policy lets only the legal-access role decrypt', () => {
    const sealBatch = async (context: Record<string, string>) => {
      const { CiphertextBlob } = await kmsClient(region).send(
        new EncryptCommand({
          KeyId: litigationKeyAlias,
          Plaintext: Buffer.from('sealed batch'),
          EncryptionContext: context,
        }),
      );
      return CiphertextBlob!;
    };

    it('refuses Decrypt to the application (default credentials) with AccessDeniedException', async () => {
      // Prepare
      const context = { batch: ulid() };
      const blob = await sealBatch(context);

      // Act
      const byApplication = kmsClient(region).send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }),
      );

      // Assess
      await expect(byApplication).rejects.toMatchObject({ name: 'AccessDeniedException' });
    });

    it('lets the legal-access role (access key LEGALROLE) decrypt', async () => {
      // Prepare
      const context = { batch: ulid() };
      const blob = await sealBatch(context);

      // Act
      const opened = await kmsClient(region, 'LEGALROLE').send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }),
      );

      // Assess
      expect(Buffer.from(opened.Plaintext!).toString()).toBe('sealed batch');
    });

    it('the legal-access role still needs the right encryption context', async () => {
      // Prepare
      const blob = await sealBatch({ batch: ulid() });

      // Act
      const wrongContext = kmsClient(region, 'LEGALROLE').send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { batch: ulid() } }),
      );

      // Assess
      await expect(wrongContext).rejects.toBeInstanceOf(InvalidCiphertextException);
    });
  });
});
