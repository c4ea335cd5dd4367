import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyPolicy } from './key-policy';

export interface LocalKey {
  region: string;
  keyId: string;
  arn: string;
  /** 32 bytes of AES key material, base64. */
  material: string;
  policy: KeyPolicy;
  description: string;
  createdAt: string;
  /** The template resource this key was provisioned from, so provisioning finds it again. */
  source?: { stackName: string; logicalId: string };
}

export interface LocalAlias {
  region: string;
  name: string;
  keyId: string;
  createdAt: string;
}

interface StoreFile {
  keys: LocalKey[];
  aliases: LocalAlias[];
}

/**
 * The local KMS's master keys and aliases, per region, kept in a JSON file (`.lethe/kms.json`)
 * when given one so keys survive a restart, or in memory for tests. Local only: the key material
 * sits in clear on disk, which is exactly what real KMS exists to avoid.
 */
export class KeyStore {
  private readonly data: StoreFile;

  constructor(
    readonly account: string,
    private readonly file?: string,
  ) {
    this.data =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoreFile) : { keys: [], aliases: [] };
  }

  createKey(
    region: string,
    props: { description: string; policy: KeyPolicy; source?: LocalKey['source']; now: Date },
  ): LocalKey {
    const keyId = randomUUID();
    const key: LocalKey = {
      region,
      keyId,
      arn: `arn:aws:kms:${region}:${this.account}:key/${keyId}`,
      material: randomBytes(32).toString('base64'),
      policy: props.policy,
      description: props.description,
      createdAt: props.now.toISOString(),
      source: props.source,
    };
    this.data.keys.push(key);
    this.save();
    return key;
  }

  /** The key provisioned from `source`, with the template's current policy and description. */
  ensureKey(
    region: string,
    props: { description: string; policy: KeyPolicy; source: NonNullable<LocalKey['source']>; now: Date },
  ): { key: LocalKey; created: boolean } {
    const existing = this.data.keys.find(
      (k) =>
        k.region === region &&
        k.source?.stackName === props.source.stackName &&
        k.source.logicalId === props.source.logicalId,
    );
    if (!existing) return { key: this.createKey(region, props), created: true };
    existing.policy = props.policy;
    existing.description = props.description;
    this.save();
    return { key: existing, created: false };
  }

  /** A key by id, key ARN, alias name or alias ARN, within one region. */
  findKey(region: string, reference: string): LocalKey | undefined {
    const arn = /^arn:aws:kms:([^:]+):(\d{12}):(key\/.+|alias\/.+)$/.exec(reference);
    if (arn && (arn[1] !== region || arn[2] !== this.account)) return undefined;
    const local = arn ? arn[3] : reference;
    if (local.startsWith('alias/')) {
      const alias = this.data.aliases.find((a) => a.region === region && a.name === local);
      return alias && this.keyById(region, alias.keyId);
    }
    return this.keyById(region, local.replace(/^key\//, ''));
  }

  keyById(region: string, keyId: string): LocalKey | undefined {
    return this.data.keys.find((k) => k.region === region && k.keyId === keyId);
  }

  alias(region: string, name: string): LocalAlias | undefined {
    return this.data.aliases.find((a) => a.region === region && a.name === name);
  }

  aliases(region: string): LocalAlias[] {
    return this.data.aliases.filter((a) => a.region === region);
  }

  addAlias(alias: LocalAlias): void {
    this.data.aliases.push(alias);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
