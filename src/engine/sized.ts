import { sizedWorkloadBrand } from './sizedWorkloadBrand.js';
import type { SizedWorkload } from './SizedWorkload.js';

/**
 * Describes a workload of adjustable size: `setup(n)` builds an input of size n and is never timed; `run(input)`
 * is measured, each call on a fresh input (so sorting in place never measures already-sorted data).
 *
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
 */
export function sized<Input>(setup: (n: number) => Input | PromiseLike<Input>, run: (input: Input) => unknown): SizedWorkload<Input> {
  // Checked here rather than at the first measurement, where a bad setup would surface as "setup is not a function".
  if (typeof setup !== 'function') throw notAFunction('setup', 'a function (n) => input that builds an input of size n', setup);
  if (typeof run !== 'function') throw notAFunction('run', 'a function (input) => unknown, the measured call', run);
  return { [sizedWorkloadBrand]: true, setup, run };
}

function notAFunction(argument: string, expectation: string, received: unknown): TypeError {
  const shown = received === null ? 'null' : typeof received === 'object' ? 'an object' : `${typeof received} ${String(received)}`;
  const error = new TypeError(`sized: ${argument} must be ${expectation}\n\nReceived: ${shown}\nHint:     sized(n => buildInput(n), input => work(input))`);
  error.name = 'PerfspecUsageError';
  return error;
}
