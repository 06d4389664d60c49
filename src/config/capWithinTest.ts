import { runnerTimeout } from './runnerTimeout.js';

/** Share of the test's timeout a default cap may take, leaving room for setup, gc and the message. */
const testTimeoutShare = 0.8;

/**
 * A default time cap kept inside the running test's timeout, so that the user sees perfspec's message rather than
 * the runner's "Test timed out": the default itself, or 80% of the test's timeout when that is shorter. Caps
 * the user chose are never changed. `loweredFromMs` is set when the default was lowered.
 *
 * @param defaultMs - the default cap in milliseconds.
 * @example
 * const { capMs } = capWithinTest(10_000); // 4 000 under Vitest's default 5 s test timeout
 */
export function capWithinTest(defaultMs: number): { capMs: number; testTimeoutMs?: number; loweredFromMs?: number } {
  let testTimeoutMs: number | undefined;
  try {
    testTimeoutMs = runnerTimeout.read?.();
  } catch {
    testTimeoutMs = undefined;
  }
  if (testTimeoutMs === undefined || !Number.isFinite(testTimeoutMs) || testTimeoutMs <= 0) return { capMs: defaultMs };
  const withinMs = testTimeoutShare * testTimeoutMs;
  return withinMs < defaultMs ? { capMs: withinMs, testTimeoutMs, loweredFromMs: defaultMs } : { capMs: defaultMs, testTimeoutMs };
}
