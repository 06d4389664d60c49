import * as timers from 'node:timers';

/**
 * Marks objects made by `sized()`, so that a plain object with `setup` and `run` is not mistaken for one. A
 * registered symbol, so that two copies of perfspec (ESM and CJS builds) recognise each other's workloads.
 *
 * @example
 * (value as Partial<SizedWorkload>)[sizedWorkloadBrand] === true; // made by sized()
 */
export const sizedWorkloadBrand: unique symbol = Symbol.for('perfspec.sized');

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

// The engine cannot reach input/'s usage errors (layers point one way): the same layout, written here.
function notAFunction(argument: string, expectation: string, received: unknown): TypeError {
  const shown = received === null ? 'null' : typeof received === 'object' ? 'an object' : `${typeof received} ${String(received)}`;
  const error = new TypeError(`sized: ${argument} must be ${expectation}\n\nReceived: ${shown}\nHint:     sized(n => buildInput(n), input => work(input))`);
  error.name = 'PerfspecUsageError';
  return error;
}

/**
 * Whether a value was made by `sized()`.
 *
 * @example
 * isSizedWorkload(sized(n => n, x => x)); // true
 */
export function isSizedWorkload(value: unknown): value is SizedWorkload {
  return typeof value === 'object' && value !== null && (value as Partial<SizedWorkload>)[sizedWorkloadBrand] === true;
}

/**
 * What the engine measures, resolved from what a user passed: a zero-argument function, or the `run` of a
 * sized workload together with the `prepare` that builds each call's fresh input (untimed).
 *
 * @example
 * const workload: Workload = { call: () => parse(doc) };
 */
export interface Workload {
  /** The measured call; `input` is what `prepare` built for this very call. */
  readonly call: (input: unknown) => unknown;
  /** Builds one call's input; absent for plain functions. Never timed. */
  readonly prepare?: () => unknown;
  /** Human-readable description for messages, e.g. "sized workload at n = 10 000". */
  readonly label?: string;
  /** What `prepare` runs, for errors: "the sized workload's setup(1000)". */
  readonly setupName?: string;
}

/**
 * Resolves a function, or a sized workload at input size n, into the engine's `Workload`. An async `setup` that
 * has not settled after `setupTimeoutMs` (real time) rejects with an error naming it, so that a setup that never
 * settles fails the assertion instead of hanging it.
 *
 * @param received - a zero-argument function or a sized workload.
 * @param n - the input size of a sized workload.
 * @param setupTimeoutMs - how long one `setup(n)` may take to settle, in ms (the matchers pass their time cap).
 * @example
 * const workload = toWorkload(sized(n => shuffled(n), a => a.sort()), 1000, 2000);
 */
export function toWorkload(received: (() => unknown) | SizedWorkload<unknown>, n?: number, setupTimeoutMs = 10_000): Workload {
  if (isSizedWorkload(received)) {
    if (n === undefined) throw new TypeError('a sized workload needs an input size n');
    const { setup, run } = received;
    const prepare = (): unknown => {
      const input = setup(n);
      return isThenable(input) ? settleWithin(input, setupTimeoutMs, 'perfspec', `the sized workload's setup(${n})`) : input;
    };
    return { call: (input) => run(input), prepare, label: `n = ${n.toLocaleString('en-US')}`, setupName: `the sized workload's setup(${n})` };
  }
  const fn = received;
  return { call: () => fn() };
}

/**
 * Whether a value is a promise or another thenable (query builders often are), which the engine must await.
 *
 * @example
 * isThenable(Promise.resolve(1)); // true
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Node's timers take a 32-bit signed delay; anything longer fires after 1 ms (TimeoutOverflowWarning). */
export const maxTimerDelayMs = 2 ** 31 - 1;

type SetTimeout = (callback: () => void, delayMs: number) => unknown;
type ClearTimeout = (handle: unknown) => void;
interface FakeTimersMark {
  clock?: { _setTimeout?: SetTimeout; _clearTimeout?: ClearTimeout };
}

// Fake timers replace the global setTimeout, and @sinonjs/fake-timers (Vitest's) also patches the `node:timers`
// module when it is installed on the real global: a setup file that fakes timers before perfspec loads leaves only
// fakes in reach. A fake marks itself with its clock, which keeps the original it replaced.
const moduleSetTimeout = timers.setTimeout as unknown as SetTimeout & FakeTimersMark;
const moduleClearTimeout = timers.clearTimeout as unknown as ClearTimeout & FakeTimersMark;
const realSetTimeout: SetTimeout = moduleSetTimeout.clock?._setTimeout ?? moduleSetTimeout;
const realClearTimeout: ClearTimeout = moduleClearTimeout.clock?._clearTimeout ?? moduleClearTimeout;

/** What `Deadline.race` resolves to when the deadline passed first. */
export const timedOut: unique symbol = Symbol('timed out');

/**
 * A real-time deadline (whatever fake timers are installed): `race(value)` resolves to the value, or to `timedOut`
 * once `timeoutMs` milliseconds have passed since the deadline was made; `clear()` releases its timer.
 */
export interface Deadline {
  race<T>(value: PromiseLike<T>): Promise<T | typeof timedOut>;
  clear(): void;
}

/**
 * Starts a real-time deadline of `timeoutMs` milliseconds: the one timeout of the measuring code (settling a
 * measured call or a sized setup, a timed batch, a query measurement). Its timer is the real one whatever fake
 * timers were installed before or after perfspec loaded; the delay is clamped to 1 ms – 2³¹−1 ms (about 24.8 days)
 * so that a huge budget never overflows into an immediate timeout; and it keeps the process alive while pending,
 * so that a script awaiting a measurement of a never-settling call fails instead of exiting silently.
 *
 * @param timeoutMs - how long until the deadline passes, in ms; `Infinity` is clamped to the longest delay.
 * @example
 * const deadline = realDeadline(1000);
 * try {
 *   if ((await deadline.race(fetchUser(1))) === timedOut) console.log('abandoned');
 * } finally {
 *   deadline.clear();
 * }
 */
export function realDeadline(timeoutMs: number): Deadline {
  const delayMs = Number.isNaN(timeoutMs) ? 1 : Math.min(maxTimerDelayMs, Math.max(1, Math.ceil(timeoutMs)));
  let timer: unknown;
  const passed = new Promise<typeof timedOut>((resolve) => {
    timer = realSetTimeout(() => resolve(timedOut), delayMs);
  });
  return {
    race: (value) => Promise.race([value, passed]),
    clear: () => realClearTimeout(timer),
  };
}

/**
 * Awaits a measured call's promise for at most `timeoutMs` milliseconds (real time, whatever fake timers are
 * installed) and returns its value; rejects with an explanatory Error if it has not settled by then, or with the
 * call's own error.
 *
 * @param result - the promise (or other thenable) the measured call returned.
 * @param timeoutMs - how long to wait, in ms; `Infinity` waits as long as it takes.
 * @param who - the matcher or function named at the start of the error (default `perfspec`).
 * @param what - what is awaited, for the error: by default "the measured call".
 * @example
 * const user = await settleWithin(fetchUser(1), 1000);
 */
export async function settleWithin<T>(result: PromiseLike<T>, timeoutMs: number, who = 'perfspec', what = 'the measured call'): Promise<T> {
  if (!Number.isFinite(timeoutMs)) return await result;
  const deadline = realDeadline(Math.max(1, timeoutMs));
  try {
    const settled = await deadline.race(result);
    if (settled === timedOut) {
      const waitedMs = Math.round(timeoutMs);
      throw new Error(`${who}: ${what} had not settled after ${waitedMs} ms (maxTimeMs); raise maxTimeMs, or look for a promise that never settles`);
    }
    return settled;
  } finally {
    deadline.clear();
  }
}
