import { inspect } from 'node:util';
import type { MatcherContext } from './layout.js';
import type { QueryEvent } from '../queries/toQueryEvent.js';
import type { QueryLog } from '../queries/measureQueries.js';
import { formatDuration, plural } from './units.js';
import { formatMessage, formatTable } from './layout.js';
import { groupByShape } from '../queries/groupByShape.js';

/** Repeats of one shape from which it is flagged as a likely N+1. */
const nPlusOneRepeats = 3;
const maxShapesShown = 10;

function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function showParams(params: readonly unknown[]): string {
  return clip(inspect(params, { breakLength: Infinity, maxArrayLength: 8, maxStringLength: 40, depth: 1 }), 120);
}

/**
 * The failure message of `toIssueQueriesAtMost` and `toIssueRequestsAtMost` in perfspec's common layout: the
 * count against the limit, the statements grouped by shape (most frequent first, likely N+1 flagged with its number
 * of distinct values), the first statement of each shape with its values and the caller's line, then Measured,
 * Rerun and hints.
 *
 * @example
 * message: () => queryMessage(this, { matcher: 'toIssueQueriesAtMost', kind: 'query', limit: 2, log, rerun: '{}' })
 */
export function queryMessage(
  context: MatcherContext | undefined,
  asked: { matcher: string; kind: 'query' | 'request'; limit: number; log: QueryLog; rerun: string },
): string {
  const isNot = context?.isNot === true;
  const { log, limit } = asked;
  const [one, many] = asked.kind === 'query' ? ['query', 'queries'] : ['request', 'requests'];
  const events = asked.kind === 'query' ? log.queries : log.requests;
  const excluded = log.excluded.filter((event) => event.kind === asked.kind);
  const late = log.late.filter((event) => event.kind === asked.kind);
  const groups = groupByShape(events);

  const notes = [
    excluded.length > 0 ? `${excluded.length} more not counted (${describeExcluded(excluded)})` : undefined,
    late.length > 0 ? `${late.length} issued after the call settled (late, not counted)` : undefined,
  ].filter((note) => note !== undefined);
  const received = `${events.length} ${plural(events.length, one, many)}${groups.length > 0 ? ` of ${groups.length} ${plural(groups.length, 'shape', 'shapes')}` : ''}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;

  const evidence: string[] = [];
  if (groups.length > 0) {
    const rows = [['count', 'shape', '']];
    for (const group of groups.slice(0, maxShapesShown)) {
      const flag = group.count >= nPlusOneRepeats && group.distinctValues > 1 ? `likely N+1: ${group.distinctValues} distinct values` : group.count >= nPlusOneRepeats ? 'repeated with the same values' : '';
      rows.push([String(group.count), clip(group.shape, 90), flag]);
    }
    evidence.push(...formatTable(rows, [0]));
    if (groups.length > maxShapesShown) evidence.push(`  … and ${groups.length - maxShapesShown} more shapes`);
    evidence.push('', 'First of each shape:');
    for (const group of groups.slice(0, Math.min(3, maxShapesShown))) {
      evidence.push(...firstInstance(group.first));
    }
  }
  if (late.length > 0) {
    evidence.push('', 'Late (issued after the call settled, not counted):');
    for (const event of late.slice(0, 3)) evidence.push(`  ${clip(event.text, 100)}${event.callSite === undefined ? '' : `  at ${event.callSite}`}`);
  }

  const durations = events.map((event) => event.durationMs).filter((d): d is number => d !== undefined);
  const drivers = [...new Set(events.map((event) => event.driver))];
  const measured = [
    'one call',
    `${formatDuration(log.elapsedMs * 1e6)} wall`,
    durations.length > 0 ? `${formatDuration(durations.reduce((a, b) => a + b, 0) * 1e6)} in ${many}` : undefined,
    drivers.length > 0 ? `via ${drivers.join(', ')}` : `no ${many} seen by perfspec's hooks`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');

  return formatMessage(context, {
    matcher: asked.matcher,
    expectedArgument: 'k',
    expected: isNot ? `more than ${limit} ${plural(limit, one, many)}` : `at most ${limit} ${plural(limit, one, many)}`,
    received,
    evidence,
    measured,
    rerun: asked.rerun,
    hints: hints(groups, events.length, limit, isNot, asked.kind, drivers.length === 0 && log.excluded.length === 0),
  });
}

function firstInstance(event: QueryEvent): string[] {
  const lines = [`  ${clip(event.text, 160)}`];
  const details = [
    event.params.length > 0 ? `params ${showParams(event.params)}` : undefined,
    event.callSite === undefined ? undefined : `at ${event.callSite}`,
    event.failed ? 'failed' : undefined,
  ].filter((part) => part !== undefined);
  if (details.length > 0) lines.push(`    ${details.join('  ')}`);
  return lines;
}

function describeExcluded(excluded: readonly QueryEvent[]): string {
  const control = excluded.filter((event) => event.transactionControl).length;
  const parts = [control > 0 ? `${control} transaction control` : undefined, excluded.length - control > 0 ? `${excluded.length - control} ignored` : undefined];
  return parts.filter((part) => part !== undefined).join(', ');
}

function hints(groups: ReturnType<typeof groupByShape>, count: number, limit: number, isNot: boolean, kind: 'query' | 'request', nothingSeen: boolean): string[] {
  const list: string[] = [];
  if (nothingSeen) {
    list.push(`perfspec saw no ${kind === 'query' ? 'statement' : 'request'}: if the driver's client was made in another way, pass it to trackQueries(client)`);
  }
  if (isNot) {
    list.push(`the call issued ${count}, which is within ${limit}`);
    return list;
  }
  const top = groups[0];
  if (top !== undefined && top.count >= nPlusOneRepeats && top.distinctValues > 1) {
    list.push(
      kind === 'request'
        ? `${top.count} requests to one endpoint with ${top.distinctValues} different ids look like an N+1: use a batch endpoint or fetch the list once`
        : top.first.system === 'redis'
          ? `${top.count} commands of one shape with ${top.distinctValues} different keys look like an N+1: read them in one command (MGET, HMGET, SMEMBERS)`
          : `${top.count} statements of one shape with ${top.distinctValues} different values look like an N+1: load them in one statement (a JOIN, or WHERE id IN (…) / = ANY($1)) or batch them`,
    );
  } else if (top !== undefined && top.count >= nPlusOneRepeats) {
    list.push(`the same ${kind} runs ${top.count} times with the same values: cache or hoist it out of the loop`);
  }
  return list;
}
