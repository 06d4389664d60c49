/**
 * A duration in ns written with three significant digits and the largest fitting unit: 412 ns, 41.2 µs,
 * 3.30 ms, 1.40 s.
 *
 * @example
 * formatDuration(3_300_000); // '3.30 ms'
 */
export function formatDuration(durationNs: number): string {
  const units: [number, string][] = [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'µs'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(durationNs) >= size * 0.9995) return `${threeDigits(durationNs / size)} ${unit}`;
  }
  return `${threeDigits(durationNs)} ns`;
}

function threeDigits(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(digits, 2));
}

/**
 * A byte count in binary units with three significant digits: 512 B, 64.0 KiB, 1.50 MiB.
 *
 * @example
 * formatBytes(65_536); // '64.0 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1023.5 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return `${value.toFixed(Math.min(digits, 2))} ${units[unit]}`;
}

/**
 * A ratio with three significant digits and a × sign: 0.400×, 1.60×, 34.1×, 1234×.
 *
 * @example
 * formatRatio(8 / 5); // '1.60×'
 */
export function formatRatio(ratio: number): string {
  return `${Math.abs(ratio) >= 100 ? ratio.toFixed(0) : ratio.toPrecision(3)}×`;
}

/**
 * An input size n with its thousands separated by spaces, as in messages' tables: 16 000.
 *
 * @example
 * formatSize(16000); // '16 000'
 */
export function formatSize(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

/**
 * A metric's value in its unit: durations for `'ns'`, byte sizes for `'B'`, else three significant digits and
 * the unit (`1.25k ops` style is avoided: counts are printed in full below a million).
 *
 * @example
 * formatMetricValue(2_500_000, 'ns'); // '2.50 ms'
 * formatMetricValue(1536, 'ops');     // '1 536 ops'
 */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'ns') return formatDuration(value);
  if (unit === 'B') return formatBytes(value);
  if (Math.abs(value) >= 1e6) return `${value.toPrecision(3)} ${unit}`;
  const shown = Number.isInteger(value) ? value.toLocaleString('en-US').replace(/,/g, ' ') : value.toPrecision(3);
  return `${shown} ${unit}`;
}

/**
 * The word to write after a count: `one` for exactly 1, else `many` (by default `one` + 's', or + 'es' after an
 * 'h', as in 'batches').
 *
 * @example
 * `${n} ${plural(n, 'batch')}`; // '1 batch', '3 batches'
 * `${k} ${plural(k, 'query', 'queries')}`;
 */
export function plural(count: number, one: string, many = one.endsWith('h') ? `${one}es` : `${one}s`): string {
  return count === 1 ? one : many;
}
