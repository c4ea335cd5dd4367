import { CHANNELS, DATA_CLASSES, type DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { regionFor } from '../residency/region-for';
import { regionLocation } from './region-location';
import type { ProcessingActivity, RecordOfProcessing, SecurityMeasure } from './schema';

/** What the deployment contributes to the register: where it runs and how it protects data. */
export interface DeploymentFacts {
  app: string;
  homeRegion: string;
  /** Every region the deployment serves. */
  regions: readonly string[];
  /** DynamoDB point-in-time recovery window: how long backups may still hold erased data (unreadable once its key is destroyed). */
  pitrDays: number;
  /** Object Lock retention of litigation archive batches. */
  litigationRetentionDays: number;
}

function regionsOfClass(policy: TenantPolicy, dataClass: DataClass): string[] {
  const regions = new Set([regionFor(policy, dataClass)]);
  for (const channel of CHANNELS)
    for (const phase of ['final', 'in-flight'] as const) regions.add(regionFor(policy, dataClass, channel, phase));
  return [...regions].sort();
}

function activityOf(policy: TenantPolicy, dataClass: DataClass): ProcessingActivity {
  const c = policy.classes[dataClass];
  const channelPeriods = CHANNELS.flatMap((channel) => {
    const period = (policy.channels[channel].retention as Partial<Record<DataClass, string>>)[dataClass];
    return period && period !== c.retention ? [{ channel, period }] : [];
  });
  return {
    dataClass,
    categories: c.categories,
    purposes: c.purposes,
    lawfulBasis: c.lawfulBasis,
    recipients: c.recipients,
    retention: {
      period: c.retention,
      afterExpiry: c.afterExpiry,
      ...(c.archiveRetention ? { archivePeriod: c.archiveRetention } : {}),
      channelPeriods,
    },
    regions: regionsOfClass(policy, dataClass),
    sealedForLitigation: policy.litigation.sealClasses.includes(dataClass),
  };
}

function securityMeasures(policy: TenantPolicy, deployment: DeploymentFacts): SecurityMeasure[] {
  const { redaction } = policy;
  return [
    {
      measure: 'Encryption at rest with customer-managed keys',
      detail: `a KMS customer-managed key per region (${deployment.regions.join(', ')}) encrypts tables, buckets and data keys`,
    },
    {
      measure: 'Per-record envelope encryption',
      detail:
        'personal fields, message text and recordings are sealed with AES-256-GCM under a data key per interaction, event or consent, bound to tenant, class and id',
    },
    {
      measure: 'Crypto-shredding',
      detail:
        'erasure destroys the data key, making every remaining copy (old object versions, archive tier, backups) unreadable',
    },
    {
      measure: 'Backups',
      detail: `point-in-time recovery of ${deployment.pitrDays} days; erased data in backups is unreadable once its key is destroyed and ages out within that window`,
    },
    {
      measure: 'Encryption in transit',
      detail: 'TLS only: bucket policies deny requests without TLS; the API is served over HTTPS',
    },
    {
      measure: 'Litigation archive',
      detail: `sealed batches in an S3 Object Lock bucket (compliance mode, ${deployment.litigationRetentionDays} days) under a KMS key only the legal-access role may use`,
    },
    {
      measure: 'Pseudonymised lookup',
      detail:
        'identifiers are found through a keyed hash (HMAC-SHA256 with a per-tenant secret), never stored in clear for lookup',
    },
    {
      measure: 'Redaction before storage',
      detail: `${redaction.detectors.length} built-in detectors (${redaction.detectors.join(', ')}), ${redaction.patterns.length} tenant patterns, replacement by ${redaction.replacement}${redaction.knownIdentifiers ? ", and the participant's own identifiers" : ''}`,
    },
    {
      measure: 'Exact expiry',
      detail:
        'every read hides a record from its expiry instant; a nightly sweep deletes, anonymises, archives or seals what is due',
    },
    {
      measure: 'Access control',
      detail:
        'roles admin, manager (own group), advisor (own interactions), support (read-only), legal; tenants isolated by key prefix',
    },
    {
      measure: 'Vendor support access',
      detail: policy.access.supportAccess ? 'enabled: read-only, every access flagged in the audit log' : 'disabled',
    },
    {
      measure: 'Tamper-evident audit log',
      detail:
        'every view, play, download, delete, export and policy change is chained by SHA-256 hash; deletions leave signed tombstones',
    },
  ];
}

/**
 * The tenant's record of processing (GDPR Art. 30(1)) from its live policy and the deployment:
 * per data class its categories, purposes, lawful basis, recipients, retention and archive
 * periods and regions; transfers outside the EEA; and the security measures in force.
 */
export function recordOfProcessing(input: {
  policy: TenantPolicy;
  tenant: { tenantId: string; name: string };
  deployment: DeploymentFacts;
  generatedAt: Date;
}): RecordOfProcessing {
  const { policy, deployment } = input;
  const activities = DATA_CLASSES.map((c) => activityOf(policy, c));
  const used = [...new Set(activities.flatMap((a) => a.regions))].sort();
  const transfers = used
    .map(regionLocation)
    .filter((r) => !r.inEea)
    .map((r) => ({
      ...r,
      dataClasses: activities.filter((a) => a.regions.includes(r.region)).map((a) => a.dataClass),
    }));
  return {
    generatedAt: input.generatedAt.toISOString(),
    controller: input.tenant,
    processor: {
      name: `${deployment.app} (Lethe)`,
      role: 'processor: stores and erases conversation data on the controller’s instructions',
    },
    policyRevision: policy.revision,
    timeZone: policy.timeZone,
    dataSubjects: [
      'customers and other end users contacting the controller',
      'the controller’s agents (as handlers of conversations)',
    ],
    activities,
    transfers,
    regions: used.map(regionLocation),
    securityMeasures: securityMeasures(policy, deployment),
  };
}
