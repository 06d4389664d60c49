/**
 * One CPU clock a runtime offers: a name for messages, what it counts, and a reader returning ns.
 *
 * @example
 * const candidate: CpuClockCandidate = { source: 'process.cpuUsage()', scope: 'process', readNs: () => process.cpuUsage().user * 1e3 };
 */
export interface CpuClockCandidate {
  source: string;
  /** `'thread'`: this thread's CPU time; `'process'`: every thread of the process (V8's helpers, other workers). */
  scope: 'thread' | 'process';
  readNs(): number;
}

/**
 * What was measured of one CPU clock: its typical step (ns by which a reading advances when it changes), its
 * read cost (ns per call), and how many steps the measurement saw.
 *
 * @example
 * const { resolutionNs } = measureClockStep(candidate, nativeWallNs);
 */
export interface CpuClockReading {
  source: string;
  scope: 'thread' | 'process';
  /** Median of the observed steps; `Infinity` when the clock did not advance within the probe. */
  resolutionNs: number;
  readCostNs: number;
  steps: number;
}

/**
 * The CPU clock a measurement should use: the chosen one, and what was measured of every candidate.
 *
 * @example
 * const { chosen, readings } = chooseCpuClock(candidates, wallNs);
 * chosen.resolutionNs; // e.g. 2_000 for process.cpuUsage(), 4_000_000 for a tick-based thread clock
 */
export interface CpuClockChoice {
  chosen: CpuClockReading & { readNs(): number };
  readings: CpuClockReading[];
}

/** Limits of the probe: a fine clock shows its steps within the first milliseconds; a tick-based one does not. */
export interface ChooseCpuClockOptions {
  /** Steps to observe before a clock's resolution is known (default 9). */
  steps?: number;
  /** Wall time the probe of one clock may spin (ns, default 3 ms). */
  probeNs?: number;
  /** The preferred clock is used while its resolution is at most this (ns, default 20 µs). */
  fineNs?: number;
}

/**
 * Measures the resolution and read cost of each CPU clock the runtime offers, and picks the first (the
 * preferred, e.g. the thread's own clock) whose resolution is fine, else the finest. On Linux 6.18 with Node
 * 22.23+, `process.threadCpuUsage()` advances in ~4 ms scheduler ticks while `process.cpuUsage()` advances in
 * µs: a 100 µs sample on the thread clock reads 0 most of the time, which would judge every short function fast.
 *
 * @example
 * const { chosen } = chooseCpuClock([threadCandidate, processCandidate], () => Number(process.hrtime.bigint()));
 */
export function chooseCpuClock(candidates: readonly CpuClockCandidate[], wallNs: () => number, options: ChooseCpuClockOptions = {}): CpuClockChoice {
  if (candidates.length === 0) throw new TypeError('chooseCpuClock: no CPU clock to choose from');
  const fineNs = options.fineNs ?? 20_000;
  const readings = candidates.map((candidate) => ({ ...measureClockStep(candidate, wallNs, options), readNs: candidate.readNs }));
  const fine = readings.find((reading) => reading.resolutionNs <= fineNs);
  const finest = readings.reduce((best, reading) => (reading.resolutionNs < best.resolutionNs ? reading : best));
  const chosen = fine ?? finest;
  return { chosen, readings: readings.map(({ readNs: _readNs, ...reading }) => reading) };
}

function measureClockStep(candidate: CpuClockCandidate, wallNs: () => number, options: ChooseCpuClockOptions): CpuClockReading {
  const wanted = options.steps ?? 9;
  const probeNs = options.probeNs ?? 3e6;
  const steps: number[] = [];
  const start = wallNs();
  let last = candidate.readNs();
  let reads = 1;
  // Bounded by the wall clock and, for a wall clock that does not move (a broken fake), by a read count.
  while (steps.length < wanted && reads < 1e6) {
    const now = candidate.readNs();
    reads += 1;
    if (now !== last) {
      if (now > last) steps.push(now - last);
      last = now;
    }
    if (reads % 16 === 0 && wallNs() - start >= probeNs) break;
  }
  const elapsedNs = Math.max(0, wallNs() - start);
  steps.sort((a, b) => a - b);
  // The median, not the smallest step: a tick-based clock sometimes moves by a few µs (a context switch
  // accounts part of a tick) while its typical step is the whole tick.
  const median = steps.length >= 3 ? (steps[Math.floor(steps.length / 2)] as number) : Infinity;
  return { source: candidate.source, scope: candidate.scope, resolutionNs: median, readCostNs: reads > 0 ? elapsedNs / reads : 0, steps: steps.length };
}
