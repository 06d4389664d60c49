import { usageError } from './usageError.js';

/**
 * A byte size written with a unit, as the heap matchers accept it: `'512 B'`, `'64 KiB'`, `'1.5 MiB'`, `'2 MB'`.
 * A misspelled unit is a compile error.
 *
 * @example
 * const budget: ByteString = '64 KiB';
 */
export type ByteString = `${number} ${ByteUnit}` | `${number}${ByteUnit}`;

type ByteUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'kB' | 'KB' | 'MB' | 'GB';

const unitBytes: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, kB: 1000, KB: 1000, MB: 1e6, GB: 1e9 };
const pattern = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]+)\s*$/;

/**
 * Reads a byte budget: a non-negative finite number of bytes, or a string with a unit (`'512 B'`, `'64 KiB'`,
 * `'1.5 MiB'`, `'2 MB'`; binary units are powers of 1024, decimal ones of 1000). Throws a usage error naming
 * the matcher and argument otherwise.
 *
 * @param matcher - the matcher named in the error.
 * @param argument - the argument named in the error.
 * @param value - the budget as given, in bytes when a number.
 * @example
 * byteCount('toAllocateAtMost', 'bytes', '64 KiB'); // 65536
 */
export function byteCount(matcher: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const match = pattern.exec(value);
    const factor = match?.[2] === undefined ? undefined : unitBytes[match[2]];
    if (match?.[1] !== undefined && factor !== undefined) return Number(match[1]) * factor;
  }
  throw usageError({
    matcher,
    argument,
    expectation: `a non-negative number of bytes, or a string with a unit among ${Object.keys(unitBytes).join(', ')}`,
    received: value,
    hint: "e.g. 2048, '512 B', '64 KiB', '1.5 MiB' or '2 MB'",
  });
}
