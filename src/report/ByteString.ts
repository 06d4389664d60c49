/**
 * A byte size written with a unit, as the heap matchers accept it: `'512 B'`, `'64 KiB'`, `'1.5 MiB'`, `'2 MB'`.
 * A misspelled unit is a compile error.
 *
 * @example
 * const budget: ByteString = '64 KiB';
 */
export type ByteString = `${number} ${ByteUnit}` | `${number}${ByteUnit}`;

type ByteUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'kB' | 'KB' | 'MB' | 'GB';
