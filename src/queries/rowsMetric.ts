import type { ScaleMetric } from '../engine/growth/metrics/ScaleMetric.js';
import { countReturnedRows } from './countReturnedRows.js';
import { queryLogMetric } from './queryLogMetric.js';

/**
 * Rows the database returned per call, for `toScaleAtMost('1', { metric: 'rows' })` — the scale form of the
 * pagination guard: over a table seeded with n rows, an unpaginated read grows like n. A statement whose rows the
 * driver does not report makes the sample an error rather than a silent 0.
 *
 * @example
 * await expect(sized(n => seedOrders(db, n), () => listOrders(db))).toScaleAtMost('1', { metric: 'rows' });
 */
export const rowsMetric: ScaleMetric = queryLogMetric('rows', 'rows', (log) => {
  const { rows, unknown } = countReturnedRows(log);
  if (unknown.length > 0) {
    throw new Error(`toScaleAtMost: the driver did not report the rows of ${unknown[0]?.text ?? 'a statement'} (a mysql2 query read with .stream() or .on('result')): the 'rows' metric cannot count it`);
  }
  return rows;
});
