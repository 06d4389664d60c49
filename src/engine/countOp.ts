import { opCounter } from './opCounter.js';

/**
 * Counts k operations of the call being measured with `toScaleAtMost(…, { metric: 'ops' })`; does nothing (and
 * costs a few ns) outside such a measurement. Counts are exact, so growth in ops separates n from n log n.
 *
 * @param k - the number of operations to add (a non-negative finite number, default 1).
 * @example
 * const compare = (a: number, b: number) => (countOp(), a - b);
 * await expect(sized(n => shuffled(n), a => a.sort(compare))).toScaleAtMost('n log n', { metric: 'ops' });
 */
export function countOp(k = 1): void {
  if (!(typeof k === 'number' && Number.isFinite(k) && k >= 0)) {
    throw new TypeError(`countOp: k must be a non-negative finite number of operations, received ${String(k)}`);
  }
  const counter = opCounter.active;
  if (counter !== undefined) counter.count += k;
}
