import type { QueryLog } from '../queries/measureQueries.js';
import { countReturnedRows } from '../queries/countReturnedRows.js';
import type { QueryEvent } from '../queries/toQueryEvent.js';
import type { MatcherContext } from './layout.js';
import { formatMessage, formatTable } from './layout.js';
import { formatDuration, formatSize } from './units.js';

const maxShapesShown = 8;

/**
 * The statements of one shape in a rows log: how many ran, how many rows they returned in total (undefined rows
 * not added), how many returned rows the spy could not count, and the first of them with its call site.
 *
 * @example
 * const [top] = rowsByShape(log.queries);
 */
interface RowsGroup {
  readonly shape: string;
  statements: number;
  rows: number;
  unknown: number;
  readonly first: QueryEvent;
}

function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function plural(count: number, one: string, many: string): string {
  return `${formatSize(count)} ${count === 1 ? one : many}`;
}

function groupRows(events: readonly QueryEvent[]): RowsGroup[] {
  const groups = new Map<string, RowsGroup>();
  for (const event of events) {
    let group = groups.get(event.shape);
    if (group === undefined) {
      group = { shape: event.shape, statements: 0, rows: 0, unknown: 0, first: event };
      groups.set(event.shape, group);
    }
    group.statements += 1;
    if (event.returnedRows === undefined) group.unknown += 1;
    else group.rows += event.returnedRows;
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows || b.unknown - a.unknown);
}

function fix(group: RowsGroup): string {
  const { shape } = group;
  const sql = shape.toUpperCase();
  const statement = `\`${clip(shape, 60)}\``;
  if (group.statements > 1 && group.rows / group.statements <= 2) {
    return `${statement} ran ${group.statements} times for ${formatSize(group.rows)} rows: fetch them in one statement (a JOIN or WHERE id IN (…)) that selects only the rows needed`;
  }
  if (!/\bLIMIT\b|\bFETCH\s+FIRST\b|\bTOP\b/.test(sql)) {
    const filter = /\bWHERE\b/.test(sql) ? 'narrow its WHERE' : 'filter in SQL with a WHERE';
    return `${statement} returned ${formatSize(group.rows)} rows to the application: ${filter}, page it with LIMIT (keyset: WHERE id > $last ORDER BY id LIMIT 50), or aggregate in SQL (COUNT, SUM, GROUP BY) instead of in JavaScript`;
  }
  return `${statement} returned ${formatSize(group.rows)} rows although it has a LIMIT: lower the page size, or aggregate in SQL instead of in JavaScript`;
}

/**
 * The failure message of `toFetchRowsAtMost` in perfspec's common layout: rows returned against the limit, the
 * statements grouped by shape with the rows each returned and its call site (most rows first), then Measured,
 * Rerun and the fix for the statement that returned the most.
 *
 * @example
 * message: () => rowsMessage(this, { limit: 100, log, rerun: '{}' })
 */
export function rowsMessage(context: MatcherContext | undefined, asked: { limit: number; log: QueryLog; rerun: string }): string {
  const isNot = context?.isNot === true;
  const { log, limit } = asked;
  const { rows, unknown } = countReturnedRows(log);
  const groups = groupRows(log.queries);
  const received = [
    `${plural(rows, 'row', 'rows')} from ${plural(log.queries.length, 'statement', 'statements')}`,
    unknown.length > 0 ? `${plural(unknown.length, 'statement', 'statements')} whose rows the driver did not report` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('; ');

  const evidence: string[] = [];
  if (groups.length > 0) {
    const table = [['rows', 'runs', 'statement', 'at']];
    for (const group of groups.slice(0, maxShapesShown)) {
      const shown = group.unknown === group.statements ? '?' : `${formatSize(group.rows)}${group.unknown > 0 ? '+?' : ''}`;
      table.push([shown, `${group.statements}×`, clip(group.shape, 70), group.first.callSite ?? '']);
    }
    evidence.push(...formatTable(table, [0, 1]));
    if (groups.length > maxShapesShown) evidence.push(`  … and ${groups.length - maxShapesShown} more shapes`);
  }

  const drivers = [...new Set(log.queries.map((event) => event.driver))];
  const measured = ['one call', `${formatDuration(log.elapsedMs * 1e6)} wall`, drivers.length > 0 ? `via ${drivers.join(', ')}` : "no statements seen by perfspec's hooks"].join(', ');
  const hints: string[] = [];
  if (drivers.length === 0) hints.push("perfspec saw no statement: if the driver's client was made in another way, pass it to trackQueries(client)");
  if (unknown.length > 0) {
    hints.push(`rows not reported for ${clip(unknown[0]?.text ?? '', 60)} (a mysql2 query read with .stream() or .on('result') reports none): read it with the promise or callback API to count it`);
  }
  const top = groups[0];
  if (isNot) hints.push(`the call fetched ${plural(rows, 'row', 'rows')}, which is within ${formatSize(limit)}`);
  else if (top !== undefined && top.rows > 0) hints.push(fix(top));

  return formatMessage(context, {
    matcher: 'toFetchRowsAtMost',
    expectedArgument: 'k',
    expected: `${isNot ? 'more than' : 'at most'} ${plural(limit, 'row', 'rows')} returned by the database`,
    received,
    evidence,
    measured,
    rerun: asked.rerun,
    hints,
  });
}
