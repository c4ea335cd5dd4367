import type { ExpiryAction } from '../data-class';
import { parseDuration } from '../duration';
import { durationInWords, LAWFUL_BASIS_IN_WORDS } from '../export/plain-words';
import type { ProcessingActivity, RecordOfProcessing } from './schema';

const AFTER_EXPIRY: Record<ExpiryAction, string> = {
  delete: 'deleted',
  anonymize: 'anonymised (statistics kept)',
  archive: 'archived',
};
const period = (iso: string) => `${durationInWords(parseDuration(iso)!)} (${iso})`;
/** A table cell: pipes and line breaks would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const list = (items: readonly string[]) => (items.length ? items.join('; ') : '—');

function retentionOf(a: ProcessingActivity): string {
  const parts = [`${period(a.retention.period)}, then ${AFTER_EXPIRY[a.retention.afterExpiry]}`];
  if (a.retention.archivePeriod) parts.push(`archive kept ${period(a.retention.archivePeriod)}`);
  for (const c of a.retention.channelPeriods) parts.push(`${c.channel}: ${period(c.period)}`);
  if (a.sealedForLitigation) parts.push('sealed in the litigation archive first');
  return parts.join('; ');
}

/** The record of processing as a Markdown document a privacy officer can file or print. */
export function recordOfProcessingMarkdown(r: RecordOfProcessing): string {
  const lines = [
    `# Record of processing activities (GDPR Art. 30)`,
    '',
    `- Controller: ${cell(r.controller.name)} (tenant ${r.controller.tenantId})`,
    `- Processor: ${r.processor.name} — ${r.processor.role}`,
    `- Generated: ${r.generatedAt} from policy revision ${r.policyRevision} (time zone ${r.timeZone})`,
    `- Data subjects: ${list(r.dataSubjects)}`,
    '',
    '## Processing by data class',
    '',
    '| Data class | Categories of data | Purposes | Lawful basis | Recipients | Retention | Regions |',
    '|---|---|---|---|---|---|---|',
    ...r.activities.map(
      (a) =>
        `| ${a.dataClass} | ${cell(list(a.categories))} | ${cell(list(a.purposes))} | ${cell(LAWFUL_BASIS_IN_WORDS[a.lawfulBasis])} | ${cell(list(a.recipients))} | ${cell(retentionOf(a))} | ${a.regions.join(', ')} |`,
    ),
    '',
    '## Where the data is stored',
    '',
    ...r.regions.map((g) => `- ${g.region}: ${g.location}${g.inEea ? '' : ' (outside the EU/EEA)'}`),
    '',
    '## Transfers outside the EU/EEA',
    '',
    ...(r.transfers.length
      ? r.transfers.map(
          (t) =>
            `- ${t.region} (${t.location}): ${t.dataClasses.join(', ')} — document the safeguard (adequacy decision or standard contractual clauses)`,
        )
      : ['None.']),
    '',
    '## Technical and organisational security measures',
    '',
    ...r.securityMeasures.map((m) => `- **${m.measure}**: ${cell(m.detail)}`),
    '',
  ];
  return lines.join('\n');
}
