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
  return { [sizedWorkloadBrand]: true, setup, run };
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
}

/**
 * Resolves a function, or a sized workload at input size n, into the engine's `Workload`.
 *
 * @example
 * const workload = toWorkload(sized(n => shuffled(n), a => a.sort()), 1000);
 */
export function toWorkload(received: (() => unknown) | SizedWorkload<unknown>, n?: number): Workload {
  if (isSizedWorkload(received)) {
    if (n === undefined) throw new TypeError('a sized workload needs an input size n');
    const { setup, run } = received;
    return { call: (input) => run(input), prepare: () => setup(n), label: `n = ${n.toLocaleString('en-US')}` };
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

// Fake timers replace the global setTimeout; every guard against a call that never settles uses the real one,
// captured when this module loads.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

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
 * measured call, a timed batch, a query measurement). `unref` lets the process exit while it is pending.
 *
 * @param timeoutMs - how long until the deadline passes, in ms.
 * @example
 * const deadline = realDeadline(1000);
 * try {
 *   if ((await deadline.race(fetchUser(1))) === timedOut) console.log('abandoned');
 * } finally {
 *   deadline.clear();
 * }
 */
export function realDeadline(timeoutMs: number, options: { unref?: boolean } = {}): Deadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const passed = new Promise<typeof timedOut>((resolve) => {
    timer = realSetTimeout(() => resolve(timedOut), timeoutMs);
    if (options.unref === true) (timer as { unref?: () => void }).unref?.();
  });
  return {
    race: (value) => Promise.race([value, passed]),
    clear: () => realClearTimeout(timer),
  };
}

/**
 * Awaits a measured call's promise for at most `timeoutMs` milliseconds (real time, whatever fake timers are
 * installed); rejects with an explanatory Error if it has not settled by then, or with the call's own error.
 *
 * @param result - the promise (or other thenable) the measured call returned.
 * @param timeoutMs - how long to wait, in ms; `Infinity` waits as long as it takes.
 * @example
 * await settleWithin(fetchUser(1), 1000);
 */
export async function settleWithin(result: PromiseLike<unknown>, timeoutMs: number): Promise<void> {
  if (!Number.isFinite(timeoutMs)) {
    await result;
    return;
  }
  const deadline = realDeadline(Math.max(1, timeoutMs));
  try {
    if ((await deadline.race(result)) === timedOut) {
      const waitedMs = Math.round(timeoutMs);
      throw new Error(`perfspec: the measured call had not settled after ${waitedMs} ms; raise maxTimeMs, or look for a promise that never settles`);
    }
  } finally {
    deadline.clear();
  }
}
