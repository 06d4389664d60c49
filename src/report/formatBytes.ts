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
