/**
 * Calls before the first reading: at most this many (a bounded cache of 10 000 entries has settled, table
 * rehashes included, well before 32 768 calls), at least this many (below that, a verdict rests on too little).
 */
export const retentionCallLimits = { min: 10, max: 32_768 } as const;

/** The share of the cap the plan may fill: the rest absorbs a slower call or gc than the ones measured. */
const usableShare = 0.85;

/**
 * What `planRetention` decided: the calls to make before the first reading (then twice as many before the
 * second) and the cap to plan in, or, when not even the minimum fits, the cap that would hold it.
 *
 * @example
 * const plan: RetentionPlan = planRetention(costs);
 */
export type RetentionPlan = { fits: true; firstReadingCalls: number; capNs: number } | { fits: false; neededMs: number };

/**
 * Plans a retention measurement within its time cap, from what was measured in this process: the cost of the
 * two readings (three full gcs and two heap reads in all) and of one call. The run is `c` calls, a reading, `2c` more calls,
 * a reading. `c` is the user's `calls`, or else as many as the cap allows up to `retentionCallLimits.max`; a cap
 * that may stretch (`stretchNs` above `capNs`) stretches as far as needed for that maximum, since a bounded cache
 * of 10 000 entries only settles after about 20 000 calls. Pure: tested with exact numbers.
 *
 * @param costs - `readingsNs` for both readings (ns), `perCallNs` (ns, inputs built included), `callsDone` so far, `elapsedNs`
 *   spent so far, `capNs` (ns) for the whole measurement and `stretchNs` it may grow to, and `calls` when the
 *   user fixed the calls before the first reading.
 * @example
 * planRetention({ readingsNs: 6e8, perCallNs: 1e3, callsDone: 64, elapsedNs: 3e8, capNs: 2e9, stretchNs: 2e9 });
 * // { fits: true, firstReadingCalls: 32768, capNs: 2e9 }
 */
export function planRetention(costs: {
  readingsNs: number;
  perCallNs: number;
  callsDone: number;
  elapsedNs: number;
  capNs: number;
  stretchNs: number;
  calls?: number | undefined;
}): RetentionPlan {
  const { readingsNs, perCallNs, callsDone, elapsedNs, capNs } = costs;
  const fitting = (cap: number): number => {
    const spareNs = usableShare * cap - elapsedNs - readingsNs + callsDone * perCallNs;
    return perCallNs > 0 ? Math.floor(spareNs / (3 * perCallNs)) : spareNs >= 0 ? Infinity : -Infinity;
  };
  const neededNs = (calls: number): number => (elapsedNs + Math.max(0, 3 * calls - callsDone) * perCallNs + readingsNs) / usableShare;
  const wanted = costs.calls ?? retentionCallLimits.max;
  const least = costs.calls ?? retentionCallLimits.min;
  const calls = Math.min(wanted, fitting(Math.max(capNs, costs.stretchNs)));
  if (calls >= least) {
    const cap = calls <= fitting(capNs) ? capNs : Math.min(costs.stretchNs, Math.ceil(neededNs(calls) / 1e8) * 1e8);
    return { fits: true, firstReadingCalls: Math.max(callsDone, calls), capNs: cap };
  }
  // Rounded up to a tidy figure with a fifth more: the next run's gcs and calls will not cost exactly the same.
  return { fits: false, neededMs: Math.ceil((1.2 * neededNs(least)) / 1e6 / 100) * 100 };
}
