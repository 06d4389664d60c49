import type { QueryEvent } from '../queries/QueryEvent.js';

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
