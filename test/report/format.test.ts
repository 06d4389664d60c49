import { describe, expect, test } from 'vitest';
import { describeValue } from '../../src/input/usageError.js';
import { formatBytes, formatDuration, formatRatio } from '../../src/report/units.js';
import { formatMessage, formatTable } from '../../src/report/layout.js';

describe('formatDuration', () => {
  test.each([
    [0, '0 ns'],
    [412, '412 ns'],
    [41_200, '41.2 µs'],
    [999_900, '1.00 ms'],
    [3_300_000, '3.30 ms'],
    [52_800_000, '52.8 ms'],
    [1_400_000_000, '1.40 s'],
    [125_000_000_000, '125 s'],
  ])('%d ns is %s', (ns, text) => expect(formatDuration(ns)).toBe(text));
});

describe('formatBytes', () => {
  test.each([
    [0, '0 B'],
    [512, '512 B'],
    [65_536, '64.0 KiB'],
    [1_572_864, '1.50 MiB'],
    [3 * 1024 ** 3, '3.00 GiB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

test('formatRatio keeps three significant digits', () => {
  expect([0.4, 1.6, 34.13, 1234.4].map(formatRatio)).toEqual(['0.400×', '1.60×', '34.1×', '1234×']);
});

test('formatTable aligns columns, numbers to the right', () => {
  expect(formatTable([['n', 'median'], ['1 000', '0.21 ms'], ['16 000', '52.8 ms']], [0, 1])).toEqual([
    '       n   median',
    '   1 000  0.21 ms',
    '  16 000  52.8 ms',
  ]);
});

test('describeValue names type and value, truncated', () => {
  expect(describeValue('5')).toBe("string '5'");
  expect(describeValue(null)).toBe('null');
  expect(describeValue(function work() {})).toBe('function work');
  expect(describeValue('x'.repeat(200)).length).toBeLessThanOrEqual(90);
});

test('formatMessage lays out every part in order, without a runner', () => {
  expect(
    formatMessage({ isNot: true }, {
      matcher: 'toRunUnder',
      expectedArgument: 'budgetMs',
      expected: 'e',
      received: 'r',
      verdict: 'v',
      evidence: ['  table'],
      measured: 'm',
      rerun: '{ n: 3 }',
      hints: ['h1', 'h2'],
    }),
  ).toBe(['expect(received).not.toRunUnder(budgetMs)', '', 'Expected: e', 'Received: r', 'Verdict:  v', '', '  table', '', 'Measured: m', 'Rerun:    { n: 3 }', 'Hint:     h1', '          h2'].join('\n'));
});

test('formatMessage leaves out a Rerun line that would reproduce nothing ({})', () => {
  const message = formatMessage({}, { matcher: 'toIssueQueriesAtMost', expectedArgument: 'k', expected: 'e', received: 'r', measured: 'm', rerun: '{}', hints: ['h'] });
  expect(message.split('\n').slice(-2)).toEqual(['Measured: m', 'Hint:     h']);
});
