import * as timers from 'node:timers';

/** Node's timers take a 32-bit signed delay; anything longer fires after 1 ms (TimeoutOverflowWarning). */
export const maxTimerDelayMs = 2 ** 31 - 1;

type SetTimeout = (callback: () => void, delayMs: number) => unknown;
type ClearTimeout = (handle: unknown) => void;
interface FakeTimersMark {
  clock?: { _setTimeout?: SetTimeout; _clearTimeout?: ClearTimeout };
}

// Jest and Vitest fake timers replace the global setTimeout, and @sinonjs/fake-timers (Vitest's) also patches the
// `node:timers` module when it is installed on the real global: a setup file that fakes timers before perfspec
// loads leaves only fakes in reach. A fake marks itself with its clock, which keeps the original it replaced.
const moduleSetTimeout = timers.setTimeout as unknown as SetTimeout & FakeTimersMark;
const moduleClearTimeout = timers.clearTimeout as unknown as ClearTimeout & FakeTimersMark;
const realSetTimeout: SetTimeout = moduleSetTimeout.clock?._setTimeout ?? moduleSetTimeout;
const realClearTimeout: ClearTimeout = moduleClearTimeout.clock?._clearTimeout ?? moduleClearTimeout;

/**
 * Calls `callback` after `delayMs` milliseconds of real time, whatever fake timers were installed before or after
 * perfspec loaded; delays are clamped to 1 ms – 2³¹−1 ms (about 24.8 days) so that a huge budget never overflows
 * into an immediate timeout. The timer keeps the process alive until it fires or is cancelled, so that a script
 * awaiting a measurement of a never-settling call fails instead of exiting silently. Returns the cancel function.
 *
 * @param callback - what to run once the delay has passed.
 * @param delayMs - the delay in milliseconds; `Infinity` is clamped to the longest delay Node supports.
 * @example
 * const cancel = realTimeout(() => reject(new Error('did not settle')), 1000);
 * try { await work(); } finally { cancel(); }
 */
export function realTimeout(callback: () => void, delayMs: number): () => void {
  const clamped = Number.isNaN(delayMs) ? 1 : Math.min(maxTimerDelayMs, Math.max(1, Math.ceil(delayMs)));
  const handle = realSetTimeout(callback, clamped);
  return () => realClearTimeout(handle);
}
