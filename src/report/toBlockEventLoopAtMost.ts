import type { BlockedStretch } from '../engine/blocking/measureBlocking.js';
import type { BlockingVerdict } from '../engine/blocking/judgeBlocking.js';
import type { SyncCall } from '../engine/blocking/spyOnSyncApis.js';
import { userCallSite } from '../queries/userCallSite.js';
import type { MatcherContext } from './layout.js';
import { formatMessage, formatTable } from './layout.js';
import { formatDuration } from './units.js';

const shownStretches = 5;

function userFunction(stack: { stack?: string }): string {
  const site = userCallSite(stack);
  if (site === undefined) return '(outside your code)';
  // The site lists up to three user frames (`file:line:col ← line:col`); the function is named after the first.
  const first = site.split(' ← ')[0] ?? site;
  const line = stack.stack?.split('\n').find((l) => l.includes(first));
  const name = line?.trim().match(/^at (?:async )?([^\s(]+) \(/)?.[1];
  return name === undefined ? site : `${name} ${site}`;
}

function shortApi(api: string): string {
  return api.slice(api.indexOf('.') + 1);
}

/** What ran in a stretch: its longest sync Node API call with the user frame that made it, else the profiler's hottest frame. */
function runningIn(stretch: BlockedStretch): string {
  const call = [...stretch.syncCalls].sort((a, b) => judged(b) - judged(a))[0];
  if (call !== undefined && judged(call) >= stretch.judgedNs / 2) return `${shortApi(call.api)} ← ${userFunction(call.stack)}`;
  const hot = stretch.hotFrames.find((frame) => frame.site !== undefined) ?? stretch.hotFrames[0];
  if (hot === undefined) return '';
  return `${hot.api === undefined ? '' : `${hot.api} ← `}${hot.fn}${hot.site === undefined ? '' : ` ${hot.site}`}`;
}

function judged(call: SyncCall): number {
  return call.judgedNs;
}

function hint(verdict: BlockingVerdict): string | undefined {
  const stretch = verdict.shown.stretches[0];
  if (stretch === undefined) return undefined;
  const call = [...stretch.syncCalls].sort((a, b) => judged(b) - judged(a))[0];
  if (call !== undefined && judged(call) >= stretch.judgedNs / 2) {
    const [module] = call.api.split('.');
    const fix: Record<string, string> = {
      crypto: `use its async form (util.promisify(crypto.${shortApi(call.api).replace(/Sync$/, '')})): it runs on libuv's thread pool`,
      zlib: `use its async form or a stream (zlib.${shortApi(call.api).replace(/Sync$/, '')}, pipeline(source, zlib.createGzip(), sink)): it runs on libuv's thread pool`,
      fs: `use fs.promises (await fs.promises.${shortApi(call.api).replace(/Sync$/, '')}(…)) or a stream`,
      child_process: `use the async form (util.promisify(child_process.${shortApi(call.api).replace(/Sync$/, '')}) or spawn)`,
    };
    return `${call.api} holds the event loop for ${formatDuration(judged(call))}: ${fix[module ?? ''] ?? 'use its async form'}`;
  }
  if (stretch.hotFrames[0]?.fn === '(garbage collector)') {
    return 'garbage collection holds the event loop in this stretch: the call allocates a lot at once (a large Buffer or many objects); stream or page the data so that less is alive at a time';
  }
  return 'synchronous JavaScript holds the event loop (a loop, JSON.parse/stringify of a large payload, a sort): move it to a worker thread (node:worker_threads, piscina), split it into chunks that yield (await setImmediate between chunks), or stream-parse the payload';
}

/**
 * The failure message of `toBlockEventLoopAtMost` in perfspec's common layout: the longest blocked stretch against
 * the budget, the top stretches of the median call with what ran in each (a sync Node API and the caller's
 * function and line, or the CPU profiler's hottest frame), the sync Node APIs the call made, and how it was
 * measured: CPU time for computation (contention does not count), wall time for sync I/O.
 *
 * @example
 * message: () => blockingMessage(this, verdict, { budgetMs: 10, timeScale: 1, rerun: '{}' })
 */
export function blockingMessage(context: MatcherContext | undefined, verdict: BlockingVerdict, asked: { budgetMs: number; timeScale: number; rerun: string }): string {
  const isNot = context?.isNot === true;
  const { shown } = verdict;
  const top = shown.stretches[0];
  const budget = formatDuration(verdict.budgetNs);
  const scaled = asked.timeScale === 1 ? '' : ` (${asked.budgetMs} ms × time scale ${asked.timeScale})`;
  const runDelay = shown.judgedOn === 'run-delay';
  const contention = top !== undefined && top.wallNs - top.judgedNs > Math.max(1e6, 0.5 * top.judgedNs);
  const received =
    top === undefined
      ? 'no synchronous segment was seen'
      : `blocked ${formatDuration(verdict.medianNs)} at a stretch (median of ${verdict.longestNs.length} ${verdict.longestNs.length === 1 ? 'call' : 'calls'}: ${verdict.longestNs.map((ns) => formatDuration(ns)).join(', ')})`;

  const evidence: string[] = [];
  if (shown.stretches.length > 0) {
    evidence.push(
      verdict.shownIndex >= verdict.longestNs.length
        ? 'Longest stretches of one more call, run under the CPU profiler to name what ran:'
        : `Longest stretches of call ${verdict.shownIndex + 1} (the median):`,
    );
    const rows = [['judged', 'wall', runDelay ? 'preempted' : 'CPU', 'sync I/O', 'segments', 'running']];
    for (const stretch of shown.stretches.slice(0, shownStretches)) {
      const third = runDelay ? stretch.preemptedNs : stretch.cpuNs;
      rows.push([formatDuration(stretch.judgedNs), formatDuration(stretch.wallNs), formatDuration(third), stretch.ioWaitNs > 0 ? formatDuration(stretch.ioWaitNs) : '–', String(stretch.segments), runningIn(stretch)]);
    }
    evidence.push(...formatTable(rows, [0, 1, 2, 3, 4]));
    if (shown.stretches.length > shownStretches) evidence.push(`  … and ${shown.stretches.length - shownStretches} shorter stretches`);
  }
  if (shown.syncCalls.length > 0) {
    evidence.push('', 'Synchronous Node APIs called during the call:');
    const byApi = new Map<string, SyncCall[]>();
    for (const call of shown.syncCalls) byApi.set(call.api, [...(byApi.get(call.api) ?? []), call]);
    const rows = [...byApi].map(([api, calls]) => [
      `${calls.length}×`,
      api,
      `${formatDuration(calls.reduce((sum, call) => sum + call.judgedNs, 0))} judged`,
      `(${formatDuration(calls.reduce((sum, call) => sum + call.wallNs, 0))} wall)`,
      `at ${userFunction(calls[0]?.stack ?? {})}`,
    ]);
    evidence.push(...formatTable(rows, [0, 2, 3]).map((line) => line.replace(/ {2,}at /, '  at ')));
  }

  const measured = [
    `${verdict.longestNs.length} ${verdict.longestNs.length === 1 ? 'call' : 'calls'} after 1 warm-up${verdict.shownIndex >= verdict.longestNs.length ? ', then 1 under the CPU profiler for this message' : ''}`,
    runDelay
      ? 'each segment judged on wall time minus the time the thread was preempted (Linux schedstat): computation and sync I/O count, contention does not'
      : 'each segment judged on the smaller of wall and process CPU time, sync I/O (fs, child_process) on the time it waited',
    contention ? `the machine was busy: the longest stretch took ${formatDuration(top.wallNs)} of wall time, of which ${formatDuration(top.judgedNs)} was judged` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('; ');
  const hints: string[] = [];
  if (shown.timedOut) hints.push('the call had not settled within maxTimeMs and was abandoned: the verdict covers what ran until then');
  if (isNot) hints.push(`the longest stretch, ${formatDuration(verdict.medianNs)}, is within ${budget}`);
  else {
    const fix = hint(verdict);
    if (fix !== undefined) hints.push(fix);
  }
  return formatMessage(context, {
    matcher: 'toBlockEventLoopAtMost',
    expectedArgument: 'budgetMs',
    expected: `${isNot ? 'a stretch over' : 'no stretch over'} ${budget}${scaled} with the event loop blocked`,
    received,
    evidence,
    measured,
    rerun: asked.rerun,
    hints,
  });
}
