import { setFlagsFromString } from 'node:v8';

let done = false;

/**
 * Turns off V8's mid-tier compiler (Maglev, on by default from Node 22) once per process, unless
 * `PERFSPEC_V8_TIERS=default` is set. Measured on Node 24.21: a 1 µs loop ran at 2.3 µs in Maglev code for its
 * first 200–300 ms of calls, a plateau stable enough to end warm-up, and only then reached its 1.0 µs steady
 * state in TurboFan, so a budget at 1.67× the steady time failed one process in four. Without the mid tier
 * the same function reaches TurboFan within the warm-up, as on Node 20 (which has no Maglev by default).
 *
 * @example
 * preferSteadyTier(); // before the first timed call
 */
export function preferSteadyTier(): void {
  if (done) return;
  done = true;
  if (process.env.PERFSPEC_V8_TIERS === 'default') return;
  try {
    setFlagsFromString('--no-maglev');
  } catch {
    // A runtime without the flag keeps its default tiers; the warm-up still waits for stable batches.
  }
}
