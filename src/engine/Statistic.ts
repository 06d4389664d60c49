/**
 * The statistic of per-call time that a time budget is compared with: the median (default, robust to
 * preemption), the mean (includes rare pauses such as gc, which it amortizes), or a high percentile.
 *
 * @example
 * await expect(() => handle(req)).toRunUnder(2, { statistic: 'p95' });
 */
export type Statistic = 'median' | 'mean' | 'p90' | 'p95' | 'p99';
