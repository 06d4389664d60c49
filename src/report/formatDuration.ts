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
