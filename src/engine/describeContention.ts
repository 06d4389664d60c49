/** The process had the CPU for less than this share of wall time in synchronous work: others competed. */
const minBusyShare = 0.8;
/** Load per core from which queued work is likely to have delayed an async workload. */
const busyLoadPerCore = 1;

/**
 * Names competition for the CPU during a measurement, or returns undefined when there was no sign of it.
 * For synchronous work, CPU/wall well under 1 is the direct evidence; for async work (which waits, so CPU/wall
 * is low anyway) the machine's load per core is the only witness.
 *
 * @example
 * describeContention(false, 'cpu', 0.52, 1.1); // 'the process had the CPU 52% of the wall time …'
 */
export function describeContention(isAsync: boolean, judgedOn: 'cpu' | 'wall', cpuWallRatio: number, loadPerCore: number): string | undefined {
  const effect = judgedOn === 'cpu' ? 'judged on CPU time, which competition barely moves' : 'wall-clock times are inflated';
  if (!isAsync && cpuWallRatio < minBusyShare) {
    return `the process had the CPU ${Math.round(cpuWallRatio * 100)}% of the wall time: other processes competed for it (${effect})`;
  }
  if (isAsync && loadPerCore >= busyLoadPerCore) {
    return `the machine's load was ${loadPerCore.toFixed(1)} per core: queued work competed for the CPU (${effect})`;
  }
  return undefined;
}
