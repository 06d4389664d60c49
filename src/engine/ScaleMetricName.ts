/**
 * What `toScaleAtMost` measures per call: `'time'` (CPU time for sync work, wall time for async), `'ops'`
 * (operations counted with `countOp`), `'allocations'` (bytes allocated) or `'queries'` (queries issued).
 *
 * @example
 * await expect(sized(n => shuffled(n), a => a.sort(countingCompare))).toScaleAtMost('n log n', { metric: 'ops' });
 */
export type ScaleMetricName = 'time' | 'ops' | 'allocations' | 'queries';
