import { isMainThread } from 'node:worker_threads';
import { useStackOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { measureStack } from '../engine/stack/measureStack.js';
import type { StackMeasurement } from '../engine/stack/measureStack.js';
import { isSizedWorkload, toWorkload } from '../engine/workload.js';
import type { SizedWorkload, Workload } from '../engine/workload.js';
import { byteCount } from '../input/byteCount.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { stackMessage } from '../report/toUseStackAtMost.js';
import type { StackGrowth } from '../report/toUseStackAtMost.js';

/**
 * Options of `toUseStackAtMost`.
 *
 * @example
 * await expect(sized(n => list(n), walk)).toUseStackAtMost('64 KiB', { n: 1000, warmupCalls: 200, maxTimeMs: 2000 });
 */
export interface UseStackOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Unmeasured calls first, so that JIT tiers (which change frame sizes) settle (default 1000, within 50 ms). */
  warmupCalls?: number;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

const matcher = 'toUseStackAtMost';

/**
 * Asserts that one synchronous call (of a function, or of a sized workload at input size n) needs at most `bytes`
 * of stack beyond its caller's: the deepest its stack reached, measured exactly (8-byte resolution) by finding
 * the least free stack with which it completes, after a warm-up and confirmed by three equal readings. A failure
 * names the recursive function and, for a sized workload, the n at which Node's default stack would overflow; a
 * call that overflows even with the whole stack free fails with that error. An async function is a usage error:
 * the code after an await starts on a fresh stack.
 *
 * @param received - a zero-argument synchronous function or `sized(setup, run)` with a synchronous run.
 * @param bytes - the budget in bytes, or a string with a unit: `'512 B'`, `'64 KiB'`, `'1 MiB'`.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, warmupCalls, maxTimeMs }`.
 * @example
 * await expect(() => walk(tree)).toUseStackAtMost('16 KiB');
 * await expect(sized(n => list(n), walk)).toUseStackAtMost('64 KiB', 5_000);
 */
export async function toUseStackAtMost(this: MatcherContext | undefined, received: unknown, bytes: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const budgetBytes = byteCount(matcher, 'bytes', bytes);
  const given = sizeOrOptions(matcher, nOrOptions, { warmupCalls: check.positiveInteger, maxTimeMs: check.positiveNumber });
  const target = receivedWorkload(matcher, received, given.n);
  const options = useStackOptions(given);
  // At the smaller sizes of a failure's growth the function is warm already: 20 calls, then readings that must agree.
  const measureAt = (n: number | undefined, frames = true): Promise<StackMeasurement> =>
    measureStack(workloadOf(target, n, options.maxTimeMs), { ...options, ...(frames ? {} : { warmupCalls: 20 }), frames, label: matcher });
  const measurement = await measureAt(given.n);
  const failed = measurement.overflow !== undefined || measurement.bytes > budgetBytes;
  // Only a failure shows the growth: it takes two more measurements at smaller n.
  const growth = failed && isSizedWorkload(target) && given.n !== undefined ? await growthBelow(given.n, measurement, measureAt) : undefined;
  const stack = { label: stackLabel(), growth };
  const rerun = [given.n === undefined ? undefined : `n: ${given.n}`, given.warmupCalls === undefined ? undefined : `warmupCalls: ${given.warmupCalls}`].filter((part) => part !== undefined);
  const pass = measurement.overflow === undefined && measurement.bytes <= budgetBytes;
  const verdict = measurement.overflow !== undefined ? 'fail' : measurement.repeatable ? (pass ? 'pass' : 'fail') : 'inconclusive';
  const { recursion } = measurement;
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: 'stack beyond the caller per call',
      statistic: measurement.overflow === undefined ? `last ${Math.min(options.confirmations, measurement.readings.length)} equal readings` : 'overflowed: at least the free stack',
      value: measurement.bytes,
      unit: 'B',
      ...(given.n === undefined ? {} : { n: given.n }),
      verdict,
      pass,
      budget: budgetBytes,
      direction: 'at most',
    },
    {
      rerun: { ...(given.n === undefined ? {} : { n: given.n }), ...(given.warmupCalls === undefined ? {} : { warmupCalls: given.warmupCalls }) },
      top: [
        ...(recursion === undefined ? [] : [{ function: recursion.name, site: recursion.site, frames: recursion.frames, deepestFrames: measurement.frames ?? null }]),
        ...(growth === undefined ? [] : [{ bytesPerUnitOfN: growth.bytesPerUnit, overflowsAtN: growth.overflowN ?? null, freeStackBytes: measurement.availableBytes }]),
      ],
    },
  );
  const message = (): string => stackMessage(this, measurement, { budgetBytes, ...stack, rerun: rerun.length === 0 ? '{}' : `{ ${rerun.join(', ')} }` }) + forAgent();
  if (measurement.overflow !== undefined) {
    // The call cannot complete here at all: neither verdict holds, so it fails with and without .not, with its error.
    throw new Error(`${matcher}: the call overflowed the stack (${measurement.overflow.name}: ${measurement.overflow.message}) even with the whole free stack before it\n\n${message()}`, { cause: measurement.overflow });
  }
  return settleVerdict(this, { verdict, pass }, {
    matcher,
    message,
    why: () => `the readings did not agree (${measurement.readings.join(', ')} B): the JIT was still changing frame sizes, or the call's depth depends on more than its input`,
    remedy: () => 'raise warmupCalls or maxTimeMs, or give the call the same input every time (a sized workload)',
  });
}

function workloadOf(target: (() => unknown) | SizedWorkload<unknown>, n: number | undefined, maxTimeMs: number): Workload {
  // The run itself, not toWorkload's wrapper around it: the figure is the stack below the caller, not below perfspec's frame.
  if (!isSizedWorkload(target)) return { call: target as (input: unknown) => unknown };
  const sizedWorkload = toWorkload(target, n, maxTimeMs);
  return { ...sizedWorkload, call: target.run };
}

/** Node's default, unless a --stack-size flag or a worker thread's own stack size is in force. */
function stackLabel(): string {
  const flags = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  return isMainThread && !flags.some((flag) => flag.startsWith('--stack-size')) ? "Node's default stack" : "this thread's stack";
}

/**
 * Bytes per unit of n from the stack at n (or, when it overflowed there, at the largest half of it that fits)
 * and at half that, and the n at which the free stack would run out if it kept growing so: linear extrapolation,
 * which errs low when the growth is slower than linear.
 */
async function growthBelow(n: number, atN: StackMeasurement, measureAt: (n: number, frames: boolean) => Promise<StackMeasurement>): Promise<StackGrowth | undefined> {
  let upper = { n, bytes: atN.bytes, fits: atN.overflow === undefined };
  while (!upper.fits && upper.n >= 2) {
    const half = Math.floor(upper.n / 2);
    const measured = await measureAt(half, false);
    upper = { n: half, bytes: measured.bytes, fits: measured.overflow === undefined };
  }
  if (!upper.fits || upper.n < 2) return undefined;
  const lowerN = Math.floor(upper.n / 2);
  const lower = await measureAt(lowerN, false);
  if (lower.overflow !== undefined) return undefined;
  const bytesPerUnit = (upper.bytes - lower.bytes) / (upper.n - lowerN);
  const points = [
    { n: lowerN, bytes: lower.bytes },
    { n: upper.n, bytes: upper.bytes },
  ];
  // Below 1.5× for 2× n the growth is far from linear (log n, or a constant): no extrapolation is honest then.
  if (!(bytesPerUnit > 0) || upper.bytes < 1.5 * lower.bytes) return { points, bytesPerUnit };
  return { points, bytesPerUnit, overflowN: Math.round(upper.n + (atN.availableBytes - upper.bytes) / bytesPerUnit) };
}
