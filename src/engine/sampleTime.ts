import type { Clock } from './Clock.js';
import { isThenable } from './isThenable.js';
import type { TimeSample } from './TimeSample.js';
import type { Workload } from './Workload.js';
import { realTimeout } from './realTimeout.js';
import { assertClockAdvances } from './assertClockAdvances.js';

const timedOut: unique symbol = Symbol('timed out');

/**
 * Times `calls` consecutive calls of a workload on both clocks. Inputs of a sized workload are all prepared
 * before the clocks start. Async results are awaited; if one has not settled `timeoutNs` after the batch
 * started, the batch is abandoned and marked `timedOut`. Errors of the workload propagate unchanged.
 *
 * @example
 * const sample = await sampleTime({ call: () => parse(doc) }, 100, nativeClock, 1e9);
 */
export async function sampleTime(workload: Workload, calls: number, clock: Clock, timeoutNs: number): Promise<TimeSample> {
  const inputs: unknown[] = [];
  if (workload.prepare) {
    for (let i = 0; i < calls; i++) {
      const input = workload.prepare();
      inputs.push(isThenable(input) ? await input : input);
    }
  }
  const { call } = workload;
  let awaited = false;
  let cancel: (() => void) | undefined;
  let deadline: Promise<typeof timedOut> | undefined;
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  try {
    for (let i = 0; i < calls; i++) {
      const result = call(inputs[i]);
      if (!isThenable(result)) continue;
      awaited = true;
      deadline ??= new Promise((resolve) => {
        cancel = realTimeout(() => resolve(timedOut), (timeoutNs - (clock.wallNs() - wall0)) / 1e6);
      });
      if ((await Promise.race([result, deadline])) === timedOut) {
        return { calls: i + 1, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: true };
      }
    }
  } finally {
    cancel?.();
  }
  const cpu1 = clock.cpuNs();
  const wall1 = clock.wallNs();
  const sample: TimeSample = { calls, wallNs: wall1 - wall0, cpuNs: cpu1 - cpu0, awaited, timedOut: false };
  assertClockAdvances(sample);
  return sample;
}
