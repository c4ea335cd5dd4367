import { randomBytes } from 'node:crypto';
import { keyIdOf, open, seal, type EncryptionContext } from './ciphertext';
import { KmsError, notFound, validation } from './errors';
import { evaluateKeyPolicy, type KeyPolicy } from './key-policy';
import type { KeyStore, LocalKey } from './key-store';

/** One call, after the caller has been identified. */
export interface KmsCall {
  region: string;
  principalArn: string;
  input: Record<string, unknown>;
}

export interface KmsDeps {
  store: KeyStore;
  now: () => Date;
}

type Operation = (call: KmsCall, deps: KmsDeps) => Record<string, unknown>;

/** The operations the local KMS speaks, named as in `X-Amz-Target: TrentService.<Op>`. */
export const OPERATIONS: Record<string, Operation> = {
  CreateKey(call, { store, now }) {
    const usage = call.input.KeyUsage ?? 'ENCRYPT_DECRYPT';
    const spec = call.input.KeySpec ?? call.input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    if (usage !== 'ENCRYPT_DECRYPT' || spec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'UnsupportedOperationException',
        'The local KMS makes only SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys.',
      );
    const policy = call.input.Policy === undefined ? defaultKeyPolicy(store.account) : parsePolicy(call.input.Policy);
    const key = store.createKey(call.region, {
      description: optionalString(call.input, 'Description') ?? '',
      policy,
      now: now(),
    });
    return { KeyMetadata: metadata(key) };
  },

  CreateAlias(call, { store, now }) {
    const name = requiredString(call.input, 'AliasName');
    if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(name) || name.startsWith('alias/aws/'))
      throw new KmsError(
        'InvalidAliasNameException',
        `${name} is not a valid alias name: it must start with alias/ and not with alias/aws/.`,
      );
    const target = requiredString(call.input, 'TargetKeyId');
    if (target.includes('alias/')) throw validation('TargetKeyId must be a key id or key ARN, not an alias.');
    const key = keyOrThrow(call, store, target);
    authorize(call, key, 'kms:CreateAlias', {}, store);
    if (store.alias(call.region, name))
      throw new KmsError(
        'AlreadyExistsException',
        `An alias with the name ${aliasArn(call.region, store.account, name)} already exists`,
      );
    store.addAlias({ region: call.region, name, keyId: key.keyId, createdAt: now().toISOString() });
    return {};
  },

  ListAliases(call, { store }) {
    const filter = optionalString(call.input, 'KeyId');
    const key = filter === undefined ? undefined : keyOrThrow(call, store, filter);
    const aliases = store.aliases(call.region).filter((a) => !key || a.keyId === key.keyId);
    return {
      Aliases: aliases.map((a) => ({
        AliasName: a.name,
        AliasArn: aliasArn(a.region, store.account, a.name),
        TargetKeyId: a.keyId,
        CreationDate: epochSeconds(a.createdAt),
      })),
      Truncated: false,
    };
  },

  DescribeKey(call, { store }) {
    const key = keyOrThrow(call, store, requiredString(call.input, 'KeyId'));
    authorize(call, key, 'kms:DescribeKey', {}, store);
    return { KeyMetadata: metadata(key) };
  },

  GenerateDataKey(call, { store }) {
    const key = keyOrThrow(call, store, requiredString(call.input, 'KeyId'));
    const context = encryptionContext(call.input);
    authorize(call, key, 'kms:GenerateDataKey', context, store);
    const plaintext = randomBytes(dataKeyLength(call.input));
    return {
      KeyId: key.arn,
      Plaintext: plaintext.toString('base64'),
      CiphertextBlob: sealUnder(key, plaintext, context).toString('base64'),
    };
  },

  Encrypt(call, { store }) {
    const key = keyOrThrow(call, store, requiredString(call.input, 'KeyId'));
    const plaintext = blob(call.input, 'Plaintext');
    if (plaintext.length < 1 || plaintext.length > 4096) throw validation('Plaintext must be 1 to 4096 bytes.');
    const context = encryptionContext(call.input);
    authorize(call, key, 'kms:Encrypt', context, store);
    return {
      KeyId: key.arn,
      CiphertextBlob: sealUnder(key, plaintext, context).toString('base64'),
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  },

  Decrypt(call, { store }) {
    const ciphertext = blob(call.input, 'CiphertextBlob');
    const context = encryptionContext(call.input);
    const sealedUnder = keyIdOf(ciphertext);
    const key = sealedUnder && store.keyById(call.region, sealedUnder);
    if (!key)
      throw new KmsError('InvalidCiphertextException', 'The ciphertext is not valid for any key of this region.');
    const named = optionalString(call.input, 'KeyId');
    if (named !== undefined && keyOrThrow(call, store, named).keyId !== key.keyId)
      throw new KmsError(
        'IncorrectKeyException',
        'The key ID in the request does not identify the key that encrypted the ciphertext.',
      );
    authorize(call, key, 'kms:Decrypt', context, store);
    const plaintext = open(ciphertext, Buffer.from(key.material, 'base64'), context);
    if (!plaintext)
      throw new KmsError('InvalidCiphertextException', 'The ciphertext or its encryption context is not valid.');
    return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  },
};

/** What KMS gives a key created without a policy: the account (and so IAM) may do everything. */
export function defaultKeyPolicy(account: string): KeyPolicy {
  return {
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
      },
    ],
  };
}

function authorize(call: KmsCall, key: LocalKey, action: string, context: EncryptionContext, store: KeyStore): void {
  const requestAlias = optionalString(call.input, 'KeyId');
  const decision = evaluateKeyPolicy(key.policy, {
    action,
    principalArn: call.principalArn,
    account: store.account,
    context: {
      'aws:PrincipalArn': call.principalArn,
      'aws:PrincipalAccount': store.account,
      'kms:CallerAccount': store.account,
      'kms:EncryptionContextKeys': Object.keys(context),
      ...Object.fromEntries(Object.entries(context).map(([k, v]) => [`kms:EncryptionContext:${k}`, v])),
      'kms:ResourceAliases': store
        .aliases(call.region)
        .filter((a) => a.keyId === key.keyId)
        .map((a) => a.name),
      ...(requestAlias?.includes('alias/')
        ? { 'kms:RequestAlias': requestAlias.replace(/^arn:[^/]*:alias\//, 'alias/') }
        : {}),
    },
  });
  if (!decision.allowed)
    throw new KmsError(
      'AccessDeniedException',
      `User: ${call.principalArn} is not authorized to perform: ${action} on resource: ${key.arn} because ${decision.reason}`,
    );
}

function sealUnder(key: LocalKey, plaintext: Buffer, context: EncryptionContext): Buffer {
  return seal(key.keyId, Buffer.from(key.material, 'base64'), plaintext, context);
}

function keyOrThrow(call: KmsCall, store: KeyStore, reference: string): LocalKey {
  const key = store.findKey(call.region, reference);
  if (!key) throw notFound(`Key '${reference}' does not exist in ${call.region}`);
  return key;
}

function metadata(key: LocalKey): Record<string, unknown> {
  return {
    AWSAccountId: key.arn.split(':')[4],
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.createdAt),
    Enabled: true,
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}

function parsePolicy(value: unknown): KeyPolicy {
  try {
    const policy = JSON.parse(String(value)) as KeyPolicy;
    if (Array.isArray(policy.Statement)) return policy;
  } catch {
    // reported below
  }
  throw new KmsError(
    'MalformedPolicyDocumentException',
    'The key policy is not a JSON policy document with a Statement list.',
  );
}

function dataKeyLength(input: Record<string, unknown>): number {
  const { KeySpec: spec, NumberOfBytes: bytes } = input;
  if ((spec === undefined) === (bytes === undefined))
    throw validation('Give exactly one of KeySpec and NumberOfBytes.');
  if (spec === 'AES_256') return 32;
  if (spec === 'AES_128') return 16;
  if (spec !== undefined) throw validation(`KeySpec must be AES_256 or AES_128, not ${String(spec)}.`);
  if (!Number.isInteger(bytes) || (bytes as number) < 1 || (bytes as number) > 1024)
    throw validation('NumberOfBytes must be an integer from 1 to 1024.');
  return bytes as number;
}

function encryptionContext(input: Record<string, unknown>): EncryptionContext {
  const context = input.EncryptionContext ?? {};
  if (typeof context !== 'object' || context === null || Object.values(context).some((v) => typeof v !== 'string'))
    throw validation('EncryptionContext must map strings to strings.');
  return context as EncryptionContext;
}

function blob(input: Record<string, unknown>, field: string): Buffer {
  return Buffer.from(requiredString(input, field), 'base64');
}

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = optionalString(input, field);
  if (value === undefined || value === '')
    throw validation(
      `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(`${field} must be a string.`);
  return value;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const epochSeconds = (iso: string) => Date.parse(iso) / 1000;
const aliasArn = (region: string, account: string, name: string) => `arn:aws:kms:${region}:${account}:${name}`;
