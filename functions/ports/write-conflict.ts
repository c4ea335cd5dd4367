/**
 * A conditional write was refused because its condition did not hold (or, in a transaction,
 * because another transaction was changing the same item); nothing of the write (or of its
 * transaction) was applied. `existing` is the item that stood in the way when the store
 * can tell (e.g. the stored result of an idempotent request), `index` the position of the refused
 * operation in a transaction.
 */
export class WriteConflict extends Error {
  constructor(
    message: string,
    readonly index?: number,
    readonly existing?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'WriteConflict';
  }
}
