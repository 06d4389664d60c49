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
  return { [sizedWorkloadBrand]: true, setup, run };
}
