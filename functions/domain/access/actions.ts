/**
 * What a staff user can ask of the admin API, one name per kind of access. Interaction actions
 * are decided per interaction (its group, its agent, whether it is restricted); the others per
 * tenant.
 */
export const ACCESS_ACTIONS = [
  'interaction.search',
  'interaction.view',
  'interaction.export',
  'transcript.view',
  'transcript.download',
  'transcript.delete',
  'recording.play',
  'recording.download',
  'recording.delete',
  'kpi.view',
  'policy.view',
  'policy.change',
  'register.view',
  'audit.view',
  'litigation.list',
  'litigation.retrieve',
  'legal-hold.manage',
  'subject-request.manage',
  'subject-request.confirm',
  'archive.export',
  'consent.view',
  'sweep.view',
  'staff.manage',
  'privacy-kpi.view',
  'event.view',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Actions on the content of an interaction (chat log, recording) or on copies of its data. */
export const CONTENT_ACTIONS: readonly AccessAction[] = [
  'transcript.view',
  'transcript.download',
  'transcript.delete',
  'recording.play',
  'recording.download',
  'recording.delete',
  'interaction.export',
];
