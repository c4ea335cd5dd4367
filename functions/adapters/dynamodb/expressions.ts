import type { ItemCondition } from '../../ports/item-condition';
import type { ItemChanges } from '../../ports/record-store';

/**
 * DynamoDB expression text for the ports' plain conditions and changes. Every name and value goes
 * through placeholders, so an attribute name or value can never change the expression.
 */
export interface Expression {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** Builds placeholders unique within one expression (`#c0`, `:c1`, …); conditions and updates use distinct prefixes. */
class Placeholders {
  private n = 0;
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  constructor(private readonly prefix: string) {}
  name(attribute: string): string {
    const p = `#${this.prefix}${this.n++}`;
    this.names[p] = attribute;
    return p;
  }
  value(v: unknown): string {
    const p = `:${this.prefix}${this.n++}`;
    this.values[p] = v;
    return p;
  }
}

export function conditionExpression(condition: ItemCondition): Expression {
  const ph = new Placeholders('c');
  const pk = () => ph.name('pk');
  let expression: string;
  switch (condition.kind) {
    case 'absent':
      expression = `attribute_not_exists(${pk()})`;
      break;
    case 'absentOrExpired':
      expression = `attribute_not_exists(${pk()}) OR ${ph.name('expiresAt')} <= ${ph.value(condition.now)}`;
      break;
    case 'present':
      expression = `attribute_exists(${pk()})`;
      break;
    case 'matches': {
      const clauses = Object.entries(condition.attributes).map(([a, v]) => `${ph.name(a)} = ${ph.value(v)}`);
      expression = [`attribute_exists(${pk()})`, ...clauses].join(' AND ');
      break;
    }
  }
  return { expression, names: ph.names, values: ph.values };
}

export function updateExpression(changes: ItemChanges): Expression {
  const ph = new Placeholders('u');
  const set = Object.entries(changes.set ?? {}).map(([a, v]) => `${ph.name(a)} = ${ph.value(v)}`);
  const add = Object.entries(changes.add ?? {}).map(([a, v]) => `${ph.name(a)} ${ph.value(v)}`);
  const remove = (changes.remove ?? []).map((a) => ph.name(a));
  const parts = [
    set.length ? `SET ${set.join(', ')}` : '',
    add.length ? `ADD ${add.join(', ')}` : '',
    remove.length ? `REMOVE ${remove.join(', ')}` : '',
  ].filter(Boolean);
  if (!parts.length) throw new RangeError('an update must set, add or remove at least one attribute');
  return { expression: parts.join(' '), names: ph.names, values: ph.values };
}

/** The request fields of an optional condition, with an update's names and values merged in. */
export function conditionFields(condition: ItemCondition | undefined, update?: Expression) {
  const c = condition && conditionExpression(condition);
  const names = { ...update?.names, ...c?.names };
  const values = { ...update?.values, ...c?.values };
  return {
    ...(c ? { ConditionExpression: c.expression } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

/** The request fields of a condition that must be given (a transaction's ConditionCheck). */
export function checkFields(condition: ItemCondition) {
  const c = conditionExpression(condition);
  return {
    ConditionExpression: c.expression,
    ExpressionAttributeNames: c.names,
    ...(Object.keys(c.values).length ? { ExpressionAttributeValues: c.values } : {}),
  };
}

/** The request fields of an update, with its optional condition. */
export function updateFields(changes: ItemChanges, condition: ItemCondition | undefined) {
  const update = updateExpression(changes);
  return { UpdateExpression: update.expression, ...conditionFields(condition, update) };
}
