import type { sizedWorkloadBrand } from './sizedWorkloadBrand.js';

/**
 * A workload whose input size can be chosen: `setup(n)` builds an input (never timed) and `run(input)` is the
 * work that is measured, called with a fresh input every time.
 *
 * @example
 * const sorting: SizedWorkload<number[]> = sized(n => shuffled(n), a => a.sort((x, y) => x - y));
 */
export interface SizedWorkload<Input = unknown> {
  readonly [sizedWorkloadBrand]: true;
  // Method syntax on purpose: it makes SizedWorkload<number[]> assignable to SizedWorkload<unknown>, which every
  // engine function accepts.
  /** Builds the input of size n (n is a positive integer). May be async. Its time is never measured. */
  setup(n: number): Input | PromiseLike<Input>;
  /** The measured work; receives an input that no other call has seen. */
  run(input: Input): unknown;
}
