import { describe, expect, it } from 'vitest';
import { byteCount } from '../../src/input/byteCount.js';

describe('byteCount', () => {
  it('reads numbers as bytes and strings with binary or decimal units', () => {
    expect(byteCount('m', 'bytes', 0)).toBe(0);
    expect(byteCount('m', 'bytes', 2048)).toBe(2048);
    expect(byteCount('m', 'bytes', '512 B')).toBe(512);
    expect(byteCount('m', 'bytes', '64 KiB')).toBe(65_536);
    expect(byteCount('m', 'bytes', '1.5 MiB')).toBe(1_572_864);
    expect(byteCount('m', 'bytes', '2 MB')).toBe(2_000_000);
    expect(byteCount('m', 'bytes', '3kB')).toBe(3000);
    expect(byteCount('m', 'bytes', '1 GiB')).toBe(1024 ** 3);
  });

  it('names matcher, argument and received value for NaN, negative, infinite, unit-less or unknown-unit input', () => {
    for (const bad of [Number.NaN, -1, Infinity, '12', '64 kib', '1.5 MiBs', 'lots', '-3 KiB', null, undefined, {}]) {
      expect(() => byteCount('toAllocateAtMost', 'bytes', bad)).toThrow(/^toAllocateAtMost: bytes must be a non-negative number of bytes, or a string with a unit among B, KiB/);
    }
    expect(() => byteCount('toAllocateAtMost', 'bytes', '64 kib')).toThrow(/Received: string '64 kib'/);
    expect(() => byteCount('toAllocateAtMost', 'bytes', -1)).toThrow(/Received: number -1/);
  });
});
