/**
 * How far a heap measurement given no cap may stretch its default 1000 ms cap (ms) when this process's gcs and
 * heap walks are too slow for the least evidence: a ts-jest worker holds ~250 MB, so five full gcs take 1–2 s there
 * under load. It stays below the 5 s test timeout of Vitest and Jest.
 *
 * @example
 * await measureRetention(fn, { maxTimeMs: 1000, stretchToMs: defaultStretchToMs });
 */
export const defaultStretchToMs = 4000;
