import { realTimeout } from './realTimeout.js';

/**
 * Awaits a measured call's promise for at most `timeoutMs` milliseconds (real time, whatever fake timers are
 * installed) and returns its value; rejects with an explanatory Error if it has not settled by then, or with the
 * call's own error.
 *
 * @param result - the promise (or other thenable) the measured call returned.
 * @param timeoutMs - how long to wait, in ms; `Infinity` waits as long as it takes.
 * @param what - what is awaited, for the error: by default "the measured call".
 * @example
 * const user = await settleWithin(fetchUser(1), 1000);
 */
export async function settleWithin<T>(result: PromiseLike<T>, timeoutMs: number, what = 'the measured call'): Promise<T> {
  if (!Number.isFinite(timeoutMs)) return await result;
  let cancel: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    cancel = realTimeout(() => {
      const waitedMs = Math.round(timeoutMs);
      reject(new Error(`perfspec: ${what} had not settled after ${waitedMs} ms (maxTimeMs); raise maxTimeMs, or look for a promise that never settles`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([result, deadline]);
  } finally {
    cancel?.();
  }
}
