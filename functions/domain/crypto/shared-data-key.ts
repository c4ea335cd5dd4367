/**
 * Chatbot events of one session and UTC day share one data key instead of one each: its id starts
 * with `#`, which no partition id contains, so it never names a partition's own key. The partitions
 * sealed under it are listed in the records table as its users (`T#<t>#KEYUSERS#<dekId>`, one item
 * per user partition), and the key is destroyed only when the last of them lets it go.
 */
const SESSION_KEY_PREFIX = '#session#';

/** The shared key of a session (by its keyed-hash marker id, never the session id) on the UTC day of `at`. */
export const sessionDataKeyId = (sessionMarkerId: string, at: string): string =>
  `${SESSION_KEY_PREFIX}${sessionMarkerId}#${at.slice(0, 10)}`;

export const isSharedDataKeyId = (dekId: string): boolean => dekId.startsWith(SESSION_KEY_PREFIX);

/** The partition that lists who uses a shared key. */
export const keyUsersPartition = (tenantId: string, dekId: string): string => `T#${tenantId}#KEYUSERS#${dekId}`;

/** "Partition `userPk` has data sealed under shared key `dekId`": written with the data it seals. */
export function keyUserItem(tenantId: string, dekId: string, userPk: string) {
  return { pk: keyUsersPartition(tenantId, dekId), sk: userPk, tenantId };
}
