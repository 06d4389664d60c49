import { realTimeout } from './realTimeout.js';

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
  let cancel: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    cancel = realTimeout(() => {
      const waitedMs = Math.round(timeoutMs);
      reject(new Error(`perfspec: the measured call had not settled after ${waitedMs} ms; raise maxTimeMs, or look for a promise that never settles`));
    }, timeoutMs);
  });
  try {
    await Promise.race([result, deadline]);
  } finally {
    cancel?.();
  }
}
