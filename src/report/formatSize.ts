/**
 * An input size n with its thousands separated by spaces, as in messages' tables: 16 000.
 *
 * @example
 * formatSize(16000); // '16 000'
 */
export function formatSize(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}
