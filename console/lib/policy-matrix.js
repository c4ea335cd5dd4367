// The tenant policy as a retention matrix: one row per data class, the cells a privacy officer
// edits (retention, action at expiry, region, purposes, lawful basis). Pure functions, so the page
// draws the rows and sends back the policy it read with only those cells changed.

/** What the sweep may do at expiry (functions/domain/data-class.ts EXPIRY_ACTIONS), as the UI names it. */
export const EXPIRY_ACTIONS = [
  ['delete', 'Delete'],
  ['anonymize', 'Anonymise'],
  ['archive', 'Archive'],
];

/** GDPR Art. 6(1) lawful bases (functions/domain/data-class.ts LAWFUL_BASES), as the UI names them. */
export const LAWFUL_BASES = [
  ['consent', 'Consent'],
  ['contract', 'Contract'],
  ['legal_obligation', 'Legal obligation'],
  ['vital_interests', 'Vital interests'],
  ['public_task', 'Public task'],
  ['legitimate_interests', 'Legitimate interests'],
];

/**
 * @typedef {{
 *   dataClass: string,
 *   retention: string,
 *   afterExpiry: string,
 *   archiveRetention: string,
 *   sealFirst: boolean,
 *   region: string,
 *   purposes: string,
 *   lawfulBasis: string,
 *   channelRetention: Array<{ channel: string, retention: string }>,
 * }} MatrixRow
 * One data class as the matrix shows it: text fields as typed (empty = not set), purposes one per line (a purpose may hold a comma).
 */

/** The rows of a policy, in the order the policy lists its classes. @param {any} policy @returns {MatrixRow[]} */
export function matrixOf(policy) {
  const sealed = policy.litigation?.sealClasses ?? [];
  return Object.entries(policy.classes).map(([dataClass, c]) => ({
    dataClass,
    retention: c.retention,
    afterExpiry: c.afterExpiry,
    archiveRetention: c.archiveRetention ?? '',
    sealFirst: sealed.includes(dataClass),
    region: c.region ?? '',
    purposes: (c.purposes ?? []).join('\n'),
    lawfulBasis: c.lawfulBasis,
    channelRetention: Object.entries(policy.channels ?? {}).flatMap(([channel, ch]) =>
      ch.retention?.[dataClass] ? [{ channel, retention: ch.retention[dataClass] }] : [],
    ),
  }));
}

/**
 * The policy with the matrix's cells written into it; everything the matrix does not show stays
 * as read. Values go as typed: the API judges them and names the cell of each one it refuses.
 * @param {any} policy
 * @param {MatrixRow[]} rows
 */
export function policyFromMatrix(policy, rows) {
  const next = structuredClone(policy);
  for (const row of rows) {
    const { archiveRetention: _archive, region: _region, ...kept } = next.classes[row.dataClass];
    next.classes[row.dataClass] = {
      ...kept,
      retention: row.retention.trim(),
      afterExpiry: row.afterExpiry,
      ...(row.archiveRetention.trim() ? { archiveRetention: row.archiveRetention.trim() } : {}),
      ...(row.region.trim() ? { region: row.region.trim() } : {}),
      purposes: row.purposes
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      lawfulBasis: row.lawfulBasis,
    };
  }
  const sealed = new Set(rows.filter((r) => r.sealFirst).map((r) => r.dataClass));
  const before = next.litigation?.sealClasses ?? [];
  // Classes sealed before keep their place; newly sealed ones follow in the matrix's order.
  const sealClasses = [...before.filter((c) => sealed.has(c)), ...[...sealed].filter((c) => !before.includes(c))];
  next.litigation = { ...next.litigation, sealClasses };
  return next;
}
