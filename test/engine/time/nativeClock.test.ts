import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
});

/** Spins for about `ms` of this process's CPU time (the CPU clock is one fake timers never replace). */
function spinCpu(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

test('reads real wall time even when fake timers were installed before perfspec loaded', async () => {
  vi.useFakeTimers();
  vi.resetModules();
  const { nativeClock, nativeClockInfo } = await import('../../../src/engine/time/nativeClock.js');
  const before = nativeClock.wallNs();
  // Process CPU time counts every thread (gc and compiler threads too): on 2 cores it can run up to 2× the wall
  // time, so 10 ms of it take at least 5 ms of real time (5 ms of it once took 3.94 ms).
  spinCpu(10);
  const elapsedMs = (nativeClock.wallNs() - before) / 1e6;
  expect(elapsedMs).toBeGreaterThanOrEqual(4);
  expect(nativeClockInfo().wallSource).toBe('process.uptime()');
});

test('keeps hrtime when it is real, and names a CPU clock it measured', async () => {
  vi.resetModules();
  const { nativeClock, nativeClockInfo } = await import('../../../src/engine/time/nativeClock.js');
  const info = nativeClockInfo();
  expect(info.wallSource).toBe('process.hrtime.bigint()');
  // Whatever this runtime offers, the chosen clock's measured step is fine enough for 100 µs batches to mean something.
  expect(info.cpu.resolutionNs).toBeLessThanOrEqual(1e6);
  expect(nativeClock.cpuResolutionNs).toBe(info.cpu.resolutionNs);
  expect(nativeClock.cpuSource).toContain(info.cpu.source);
});
