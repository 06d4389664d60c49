/**
 * A ratio with three significant digits and a × sign: 0.400×, 1.60×, 34.1×, 1234×.
 *
 * @example
 * formatRatio(8 / 5); // '1.60×'
 */
export function formatRatio(ratio: number): string {
  return `${Math.abs(ratio) >= 100 ? ratio.toFixed(0) : ratio.toPrecision(3)}×`;
}
