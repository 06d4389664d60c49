import type { SizedWorkload } from './engine/workload.js';

/**
 * What a perfspec matcher can measure: a function (zero-argument, or of n for `toScaleAtMost`) or `sized(setup, run)`.
 *
 * @example
 * const ok: PerfReceiver = () => parse(doc);
 */
export type PerfReceiver = ((...args: never[]) => unknown) | SizedWorkload;

/** Shown by the compiler when `expect(received)` holds something no perfspec matcher can measure. */
interface NotAWorkload {
  'expect(received) takes a function or sized(setup, run), so that perfspec can call it': never;
}

/**
 * The extra parameters a perfspec matcher takes for the runner's received type T: none when T can be measured
 * (or is too loose to tell, as `any`, `unknown` or `{}`), else one that no argument can fill, so that
 * `expect(42).toRunUnder(5)` is a compile error. Plain JavaScript still gets the run-time error.
 *
 * @example
 * toRunUnder(budgetMs: number, nOrOptions?: number | RunUnderOptions, ...receiver: ReceiverCheck<T>): Promise<R>;
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is @types/jest's default received type
export type ReceiverCheck<T> = unknown extends T ? [] : {} extends T ? [] : [T] extends [PerfReceiver] ? [] : [receivedIsNotAWorkload: NotAWorkload];
