import { availableParallelism, loadavg } from 'node:os';

/**
 * The machine's 1-minute load average divided by its core count: near or above 1 means runnable work was
 * queueing for the CPU, which inflates wall-clock times.
 *
 * @example
 * if (hostLoadPerCore() > 1) console.warn('busy machine');
 */
export function hostLoadPerCore(): number {
  const [oneMinute = 0] = loadavg();
  return oneMinute / availableParallelism();
}
