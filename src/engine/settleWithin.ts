// Fake timers replace the global setTimeout; the guard against a call that never settles must use the real one.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Awaits a measured call's promise for at most `timeoutMs` milliseconds (real time, whatever fake timers are
 * installed); rejects with an explanatory Error if it has not settled by then, or with the call's own error.
 *
 * @param result - the promise (or other thenable) the measured call returned.
 * @param timeoutMs - how long to wait, in ms; `Infinity` waits as long as it takes.
 * @param who - the matcher or function named at the start of the error (default `perfspec`).
 * @example
 * await settleWithin(fetchUser(1), 1000);
 */
export async function settleWithin(result: PromiseLike<unknown>, timeoutMs: number, who = 'perfspec'): Promise<void> {
  if (!Number.isFinite(timeoutMs)) {
    await result;
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = realSetTimeout(
      () => {
        const waitedMs = Math.round(timeoutMs);
        reject(new Error(`${who}: the measured call had not settled after ${waitedMs} ms; raise maxTimeMs, or look for a promise that never settles`));
      },
      Math.max(1, timeoutMs),
    );
  });
  try {
    await Promise.race([result, deadline]);
  } finally {
    realClearTimeout(timer);
  }
}
