import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * Runs a write and turns DynamoDB's refusals of a condition into the port's WriteConflict,
 * carrying the item that stood in the way (requests ask for ALL_OLD on failure); a transaction
 * cancelled because another one held an item is a WriteConflict at that item too.
 */
export async function conditional<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new WriteConflict(`${what}: the condition did not hold`, undefined, error.Item && unmarshall(error.Item));
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (index >= 0) {
        const item = reasons[index].Item;
        throw new WriteConflict(
          `${what}: the condition of operation ${index} did not hold`,
          index,
          item && unmarshall(item),
        );
      }
      // Another transaction was changing one of the items: nothing was applied, as for a condition.
      const contended = reasons.findIndex((r) => r.Code === 'TransactionConflict');
      if (contended >= 0)
        throw new WriteConflict(`${what}: operation ${contended} met another transaction on its item`, contended);
    }
    throw error;
  }
}
