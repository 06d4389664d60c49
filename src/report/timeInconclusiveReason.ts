import type { TimeVerdict } from '../engine/time/judgeTime.js';

/**
 * Why a `toRunUnder` verdict was inconclusive, and what would give a decisive measurement: each one clause.
 *
 * @param maxTimeMs - the time cap of the run, in milliseconds.
 * @example
 * const { why, remedy } = timeInconclusiveReason(result, 1000);
 */
export function timeInconclusiveReason(result: TimeVerdict, maxTimeMs: number): { why: string; remedy: string } {
  const { run } = result;
  switch (result.reason) {
    case 'near-budget':
      return {
        why: 'the estimate is within 5% of the budget',
        remedy: 'separate runs on one machine differ by 4–7%, so a verdict this close can flip: leave ≥ 20% headroom in the budget',
      };
    case 'unmeasured':
      return {
        why: 'the CPU clock did not resolve most batches (it did not advance, or far less than wall time), so nothing was measured',
        remedy: "rerun with { clock: 'wall' } on an idle machine, or report the Node version and kernel: this CPU clock cannot time these calls",
      };
    case 'single-call':
      return {
        why: `one call outlasted the ${maxTimeMs} ms cap, so it was measured once`,
        remedy: 'a single call includes JIT warm-up and any gc; raise maxTimeMs above a few calls for a steadier verdict',
      };
    default: {
      const samples = run.samples.length;
      const why = run.fromWarmup
        ? `calls are so slow that the ${maxTimeMs} ms cap left no time after warm-up, so ${samples === 1 ? 'the one warm-up batch was' : `the ${samples} warm-up batches were`} judged`
        : result.lowerNs === undefined || result.upperNs === undefined
          ? `the ${maxTimeMs} ms cap ended sampling after ${samples} ${samples === 1 ? 'sample' : 'samples'}, too few for a confidence bound on the ${result.statistic}`
          : `the ${maxTimeMs} ms cap ended sampling before the bounds cleared the budget`;
      return { why, remedy: 'raise maxTimeMs for more samples, or leave more headroom between the usual time and the budget' };
    }
  }
}
