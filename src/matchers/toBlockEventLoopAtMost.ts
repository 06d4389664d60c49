import { blockEventLoopOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { judgeBlocking } from '../engine/blocking/judgeBlocking.js';
import { toWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { blockingMessage } from '../report/toBlockEventLoopAtMost.js';

/**
 * Options of `toBlockEventLoopAtMost`.
 *
 * @example
 * await expect(() => handler(request)).toBlockEventLoopAtMost(10, { calls: 5, maxTimeMs: 5000 });
 */
export interface BlockEventLoopOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Measured calls after one warm-up (default 3); the median of their longest stretches is judged. */
  calls?: number;
  /** Abandon a call that has not settled after this many ms (default 10 000). */
  maxTimeMs?: number;
}

const matcher = 'toBlockEventLoopAtMost';

/**
 * Asserts that one call (of an async function, or a sized workload at input size n) never holds the event loop for
 * more than `budgetMs` at a stretch — the synchronous code between two awaits, including `*Sync` Node APIs; fails on
 * the median of 3 calls after a warm-up, naming what ran in the longest stretch and where. Computation is judged on
 * CPU time (a busy machine does not fail it), sync I/O on the time it waited. The budget is multiplied by the
 * configured time scale.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param budgetMs - the longest blocked stretch allowed, in milliseconds.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, calls, maxTimeMs }`.
 * @example
 * await expect(() => handler(request)).toBlockEventLoopAtMost(10);
 */
export async function toBlockEventLoopAtMost(this: MatcherContext | undefined, received: unknown, budgetMs: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const budget = check.positiveNumber(matcher, 'budgetMs', budgetMs);
  const given = sizeOrOptions(matcher, nOrOptions, { calls: check.positiveInteger, maxTimeMs: check.positiveNumber });
  const target = receivedWorkload(matcher, received, given.n);
  const { timeScale, calls, maxTimeMs } = blockEventLoopOptions(given);
  const verdict = await judgeBlocking(toWorkload(target, given.n), budget * timeScale * 1e6, { calls, maxTimeMs });
  const rerun = [given.n === undefined ? undefined : `n: ${given.n}`, given.calls === undefined ? undefined : `calls: ${given.calls}`].filter((part) => part !== undefined);
  const longest = [...verdict.shown.stretches].sort((a, b) => b.judgedNs - a.judgedNs).slice(0, 3);
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: 'longest blocked stretch',
      statistic: `median of ${verdict.longestNs.length} calls`,
      value: verdict.medianNs,
      unit: 'ns',
      ...(given.n === undefined ? {} : { n: given.n }),
      verdict: verdict.timedOut ? 'inconclusive' : verdict.pass ? 'pass' : 'fail',
      pass: verdict.pass,
      budget: verdict.budgetNs,
      direction: 'at most',
    },
    {
      rerun: { ...(given.n === undefined ? {} : { n: given.n }), ...(given.calls === undefined ? {} : { calls: given.calls }) },
      top: longest.map((stretch) => ({
        judgedNs: Math.round(stretch.judgedNs),
        syncCalls: stretch.syncCalls.map((call) => call.api),
        running: stretch.hotFrames.slice(0, 2).map((frame) => ({ function: frame.fn, site: frame.site ?? null })),
      })),
    },
  );
  const message = (): string => blockingMessage(this, verdict, { budgetMs: budget, timeScale, rerun: rerun.length === 0 ? '{}' : `{ ${rerun.join(', ')} }` }) + forAgent();
  if (verdict.timedOut) {
    // Neither verdict is known for a call that never settled, so it fails both with and without .not.
    throw new Error(`${matcher}: a call had not settled after ${maxTimeMs} ms (maxTimeMs) and was abandoned\n\n${message()}`);
  }
  return settleVerdict(this, { verdict: verdict.pass ? 'pass' : 'fail', pass: verdict.pass }, {
    matcher,
    message,
    why: () => 'no call was measured',
    remedy: () => 'raise maxTimeMs',
  });
}
