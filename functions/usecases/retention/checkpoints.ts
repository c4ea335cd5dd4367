import type { DataClass } from '../../domain/data-class';
import { checkpointSortKey, type SweepCheckpoint } from '../../domain/sweep/checkpoint';
import type { TenantDirectory } from '../../ports/tenant-directory';

/**
 * The checkpoint of one tenant × class × region in the directory: `SWEEP#<region>#<class>` for the
 * nightly sweep, `PURGE#<region>#<class>` for an offboarding purge (which reads other buckets).
 */
export class CheckpointStore {
  private readonly sk: string;

  constructor(
    private readonly directory: TenantDirectory,
    private readonly tenantId: string,
    region: string,
    dataClass: DataClass,
    /** A dry run reads the checkpoint and never moves it. */
    private readonly dryRun: boolean,
    purpose: 'sweep' | 'purge' = 'sweep',
  ) {
    this.sk = purpose === 'sweep' ? checkpointSortKey(region, dataClass) : `PURGE#${region}#${dataClass}`;
  }

  async load(): Promise<SweepCheckpoint | undefined> {
    const item = await this.directory.getItem(this.tenantId, this.sk, { consistent: true });
    if (!item) return undefined;
    const { tenantId: _t, sk: _s, ...checkpoint } = item;
    return checkpoint as unknown as SweepCheckpoint;
  }

  async save(checkpoint: SweepCheckpoint): Promise<void> {
    if (this.dryRun) return;
    await this.directory.putItem({ tenantId: this.tenantId, sk: this.sk, ...checkpoint });
  }
}
