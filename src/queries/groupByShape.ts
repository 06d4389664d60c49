import { shapeOf } from './shapeOf.js';
import type { QueryEvent } from './toQueryEvent.js';

/**
 * One shape's statements in a log: how many, how many distinct values they ran with, and the first of them.
 *
 * @example
 * const [top]: ShapeGroup[] = groupByShape(log.queries);
 */
export interface ShapeGroup {
  readonly shape: string;
  readonly count: number;
  readonly distinctValues: number;
  readonly first: QueryEvent;
}

function valuesKey(event: QueryEvent): string {
  if (event.system === 'http') return event.text;
  const values = event.params.length > 0 ? event.params : shapeOf(event.system, event.text).literals;
  try {
    return JSON.stringify(values, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    return String(values);
  }
}

/**
 * Groups statements by shape, most frequent first (ties in order of first appearance), counting the distinct
 * parameter values (or inlined literals) each shape ran with: many runs of one shape with different values is
 * the signature of an N+1.
 *
 * @example
 * groupByShape(log.queries)[0]; // { shape: 'SELECT * FROM teams WHERE id = ?', count: 50, distinctValues: 50, first }
 */
export function groupByShape(events: readonly QueryEvent[]): ShapeGroup[] {
  const groups = new Map<string, { first: QueryEvent; count: number; values: Set<string> }>();
  for (const event of events) {
    let group = groups.get(event.shape);
    if (group === undefined) {
      group = { first: event, count: 0, values: new Set() };
      groups.set(event.shape, group);
    }
    group.count++;
    group.values.add(valuesKey(event));
  }
  return [...groups.entries()]
    .map(([shape, group]) => ({ shape, count: group.count, distinctValues: group.values.size, first: group.first }))
    .sort((a, b) => b.count - a.count);
}
