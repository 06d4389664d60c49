import { AsyncLocalStorage } from 'node:async_hooks';

let tail: Promise<void> = Promise.resolve();
const inside = new AsyncLocalStorage<string>();

/**
 * Runs one heap measurement at a time in this process: heap readings and gcs are process-wide, so two
 * measurements that overlap (`Promise.all`, `test.concurrent`) would read each other's allocations, and two
 * sampling heap profilers cannot run at once. Later callers wait their turn (their time caps start when they get
 * it). A measured function that starts a heap measurement itself would wait for its own end: that is refused with
 * an Error naming `who`.
 *
 * @param who - the matcher or engine function, named in the error.
 * @param run - the measurement.
 * @example
 * const result = await exclusiveHeap('measureAllocation', () => measureOnce());
 */
export async function exclusiveHeap<T>(who: string, run: () => Promise<T>): Promise<T> {
  const holder = inside.getStore();
  if (holder !== undefined) {
    throw new Error(
      `${who}: called from inside the function that ${holder} is measuring; heap measurements cannot nest (each one collects garbage and reads the whole process heap)`,
    );
  }
  const previous = tail;
  let release = (): void => undefined;
  tail = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    await previous;
    return await inside.run(who, run);
  } finally {
    release();
  }
}
