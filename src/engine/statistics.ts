import type { Statistic } from './Statistic.js';

/**
 * Every statistic a time budget may name, in the order they are listed in messages.
 *
 * @example
 * statistics.includes('p95'); // true
 */
export const statistics: readonly Statistic[] = ['median', 'mean', 'p90', 'p95', 'p99'];
