import { createRequire } from 'node:module';
import { join } from 'node:path';

interface FsFunctions {
  openSync(path: string, flags: string): number;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

// Taken before any measurement wraps the module's *Sync functions, so that reading the clock is never recorded.
const fs = createRequire(join(process.cwd(), 'noop.js'))('fs') as FsFunctions;
const { openSync, readSync, closeSync } = fs;

/**
 * Opens the calling thread's scheduler statistics (Linux `/proc/thread-self/schedstat`) and returns a reader of its
 * run-queue delay in ns — the time the thread was ready to run but another thread or process had the CPU — with a
 * close function; undefined where the file does not exist (other systems, kernels without schedstats).
 *
 * @example
 * const delay = openRunDelay();
 * const before = delay?.read();
 */
export function openRunDelay(): { read(): number; close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(96);
  const read = (): number => {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    // "<ns on CPU> <ns waiting on a run queue> <timeslices>"
    const text = buffer.toString('latin1', 0, length);
    const first = text.indexOf(' ');
    return Number(text.slice(first + 1, text.indexOf(' ', first + 1)));
  };
  try {
    if (!Number.isFinite(read())) throw new Error('unreadable');
  } catch {
    closeSync(fd);
    return undefined;
  }
  return { read, close: () => closeSync(fd) };
}
