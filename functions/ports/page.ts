/**
 * One page of a longer answer. `cursor` is opaque and resumable: hand it back to get the next
 * page, or store it in a checkpoint and continue after a crash. Absent on the last page.
 */
export interface Page<T> {
  items: T[];
  cursor?: string;
}
