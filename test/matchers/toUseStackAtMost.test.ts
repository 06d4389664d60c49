// Stack needs are exact byte counts, not timings: these tests expect exact relations (bytes per level a multiple
// of 8, the same figure twice) and never depend on the machine being fast.
import { describe, expect, test } from 'vitest';
import { measureStack } from '../../src/engine/stack/measureStack.js';
import type { StackMeasurement } from '../../src/engine/stack/measureStack.js';
import { stackMessage } from '../../src/report/toUseStackAtMost.js';
import { sized } from '../../src/index.js';
import { lineOf } from '../fixtures/lineOf.js';
import { failureMessage } from '../fixtures/failureMessage.js';

interface Node {
  next: Node | null;
}
interface Tree {
  left: Tree | null;
  right: Tree | null;
}

function list(n: number): Node | null {
  let head: Node | null = null;
  for (let i = 0; i < n; i++) head = { next: head };
  return head;
}
function lengthOf(node: Node | null): number {
  return node === null ? 0 : 1 + lengthOf(node.next);
}
function lengthByLoop(node: Node | null): number {
  let count = 0;
  for (let at = node; at !== null; at = at.next) count++;
  return count;
}
function balanced(n: number): Tree | null {
  if (n === 0) return null;
  const left = (n - 1) >> 1;
  return { left: balanced(left), right: balanced(n - 1 - left) };
}
function sizeOf(tree: Tree | null): number {
  return tree === null ? 0 : 1 + sizeOf(tree.left) + sizeOf(tree.right);
}
const file = 'test/matchers/toUseStackAtMost.test.ts';
const recursionLine = lineOf(import.meta.url, 'return node === null ? 0 : 1 + lengthOf(');

describe('measureStack', () => {
  test('a recursive walk needs the same bytes per level at every depth, in 8-byte steps, repeatably', async () => {
    const at = async (n: number) => {
      const nodes = list(n);
      return measureStack({ call: () => lengthOf(nodes) });
    };
    const small = await at(1000);
    const large = await at(2000);
    const again = await at(2000);
    expect(small.repeatable && large.repeatable).toBe(true);
    expect(large.bytes % 8).toBe(0);
    // Frames are whole slots; the constant part (the outermost frames) may shift by a few slots as V8 inlines.
    const perLevel = Math.round((large.bytes - small.bytes) / 1000 / 8) * 8;
    expect(Math.abs(large.bytes - small.bytes - 1000 * perLevel)).toBeLessThanOrEqual(256);
    expect(perLevel).toBeGreaterThanOrEqual(16);
    expect(perLevel).toBeLessThanOrEqual(512);
    // JIT inlining may still merge the outermost frames: the constant part may drop by a few slots, never grow.
    expect(Math.abs(again.bytes - large.bytes)).toBeLessThanOrEqual(256);
    expect(large.frames).toBeGreaterThanOrEqual(2000);
    expect(large.frames).toBeLessThanOrEqual(2010);
    expect(large.recursion).toEqual({ name: 'lengthOf', site: expect.stringMatching(new RegExp(`^${file}:${recursionLine}:\\d+$`)), frames: expect.any(Number) });
    expect(large.recursion?.frames).toBeGreaterThanOrEqual(1999);
    expect(large.availableBytes).toBeGreaterThan(large.bytes);
  });

  test('a loop needs the same stack at every n', async () => {
    const short = list(10);
    const long = list(100_000);
    const a = await measureStack({ call: () => lengthByLoop(short) }, { frames: false });
    const b = await measureStack({ call: () => lengthByLoop(long) }, { frames: false });
    expect(a.bytes).toBeGreaterThan(0);
    expect(Math.abs(a.bytes - b.bytes)).toBeLessThanOrEqual(64);
  });

  test('a call that overflows with the whole stack free is reported with its recursion, not thrown', async () => {
    const nodes = list(200_000);
    const measured = await measureStack({ call: () => lengthOf(nodes) });
    expect(measured.overflow).toBeInstanceOf(RangeError);
    expect(measured.bytes).toBe(measured.availableBytes);
    expect(measured.recursion?.name).toBe('lengthOf');
  });

  test('a sized workload gets a fresh input for every probe', async () => {
    const seen = new Set<unknown>();
    let reused = 0;
    const measured = await measureStack({ call: (input) => (seen.has(input) ? reused++ : seen.add(input), lengthOf((input as { head: Node }).head)), prepare: () => ({ head: list(100) }) }, { warmupCalls: 5 });
    expect(reused).toBe(0);
    expect(seen.size).toBeGreaterThan(5 + measured.readings.length * 4);
    expect(measured.repeatable).toBe(true);
  });
});

describe('toUseStackAtMost', () => {
  test('passes a loop and a balanced tree, fails a recursive list walk, naming it and where it overflows', async () => {
    const nodes = list(2000);
    const tree = balanced(2000);
    await expect(() => lengthByLoop(nodes)).toUseStackAtMost('1 KiB');
    await expect(() => sizeOf(tree)).toUseStackAtMost('4 KiB');
    await expect(() => lengthOf(nodes)).not.toUseStackAtMost('16 KiB');
    const failure = await failureMessage(expect(sized((n) => list(n), lengthOf)).toUseStackAtMost('16 KiB', 2000));
    expect(failure).toContain('Expected: at most 16.0 KiB of stack beyond the caller\'s');
    expect(failure).toMatch(/Received: \d+(\.\d+)? KiB \([\d,]+ B\) of stack beyond the caller's, 2,00\d frames deep \(the same in (all 3|the last 3 of \d) readings/);
    expect(failure).toMatch(new RegExp(`Deepest stack: 2,00\\d of its 2,00\\d frames are lengthOf \\(${file}:${recursionLine}:\\d+\\)`));
    expect(failure).toMatch(/Growth: +\d+(\.\d+)? KiB at n = 1 000, \d+(\.\d+)? KiB at n = 2 000: \d+ B per unit of n/);
    expect(failure).toMatch(/at n ≈ \d[\d ]* this overflows Node's default stack/);
    expect(failure).toContain('Rerun:    { n: 2000 }');
    expect(failure).toContain('rewrite it as a loop over an explicit stack');
  });

  test('a call that overflows even with the whole stack free fails with and without .not, with the estimate', async () => {
    const overflowing = sized((n) => list(n), lengthOf);
    for (const negated of [false, true]) {
      const assertion = negated ? expect(overflowing).not : expect(overflowing);
      const error = await assertion.toUseStackAtMost('1 MiB', 100_000).then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      expect(error?.message).toMatch(/^toUseStackAtMost: the call overflowed the stack \(RangeError: Maximum call stack size exceeded\)/);
      expect(error?.message).toMatch(/at n ≈ \d[\d ]* this overflows Node's default stack/);
      expect(error?.cause).toBeInstanceOf(RangeError);
    }
  });

  test('the call\'s own errors fail the test unchanged', async () => {
    await expect(expect(() => { throw new RangeError('Invalid array length'); }).toUseStackAtMost(100)).rejects.toThrow('Invalid array length');
    await expect(expect(() => JSON.parse('{')).toUseStackAtMost(100)).rejects.toThrow(SyntaxError);
  });

  test('usage errors name the argument and the value', async () => {
    await expect(expect(async () => lengthOf(list(10))).toUseStackAtMost('1 KiB')).rejects.toThrow(/toUseStackAtMost: received must be a synchronous call: this one returned a promise/);
    await expect(expect(() => 1).toUseStackAtMost('64 kib' as never)).rejects.toThrow(/toUseStackAtMost.*bytes/s);
    await expect(expect(() => 1).toUseStackAtMost(-1)).rejects.toThrow(/toUseStackAtMost.*bytes/s);
    await expect(expect(() => 1).toUseStackAtMost(100, { warmupCalls: 0 })).rejects.toThrow(/toUseStackAtMost.*warmupCalls/s);
    await expect(expect(() => 1).toUseStackAtMost(100, { calls: 3 } as never)).rejects.toThrow(/toUseStackAtMost.*calls/s);
    await expect(expect(sized((n) => list(n), lengthOf)).toUseStackAtMost(100)).rejects.toThrow(/toUseStackAtMost.*n/s);
    await expect(expect(42 as never).toUseStackAtMost(100)).rejects.toThrow(/toUseStackAtMost.*received/s);
  });
});

describe("toScaleAtMost({ metric: 'stack' })", () => {
  test("a recursive list walk fails 'log n', naming the recursion and the n that overflows", async () => {
    const failure = await failureMessage(expect(sized((n) => list(n), lengthOf)).toScaleAtMost('log n', { metric: 'stack' }));
    expect(failure).toMatch(/Received: stack per call \(deepest, beyond the caller\) grows like n\^(0\.9\d|1\.0\d)/);
    expect(failure).toMatch(new RegExp(`lengthOf \\(${file}:${recursionLine}:\\d+\\), [\\d,]+ frames deep at n = `));
    expect(failure).toMatch(/at n ≈ \d[\d ]* this overflows the stack/);
  });

  test('an async run is a usage error there too', async () => {
    await expect(expect(sized((n) => n, async (n) => n)).toScaleAtMost('1', { metric: 'stack' })).rejects.toThrow(/^toScaleAtMost: received must be a synchronous call/);
  });

  test("a balanced tree passes 'log n', a loop passes '1'", async () => {
    await expect(sized((n) => balanced(n), sizeOf)).toScaleAtMost('log n', { metric: 'stack' });
    await expect(sized((n) => list(n), lengthByLoop)).toScaleAtMost('1', { metric: 'stack' });
  });
});

describe('stackMessage', () => {
  const measurement: StackMeasurement = {
    bytes: 640_080,
    readings: [640_096, 640_080, 640_080, 640_080],
    repeatable: true,
    availableBytes: 986_784,
    frames: 10_002,
    recursion: { name: 'walk', site: 'src/tree.ts:12:30', frames: 10_000 },
    warmupCalls: 412,
    elapsedMs: 96.4,
  };

  test('names the recursion, the growth and the n at which the stack overflows', () => {
    const growth = { points: [{ n: 5_000, bytes: 320_080 }, { n: 10_000, bytes: 640_080 }], bytesPerUnit: 64, overflowN: 15_418 };
    expect(stackMessage(undefined, measurement, { budgetBytes: 65_536, label: "Node's default stack", growth, rerun: '{ n: 10000 }' })).toBe(
      [
        'expect(received).toUseStackAtMost(bytes)',
        '',
        "Expected: at most 64.0 KiB of stack beyond the caller's",
        "Received: 625 KiB (640,080 B) of stack beyond the caller's, 10,002 frames deep (the same in the last 3 of 4 readings; the first was 640,096 B: the JIT changed the frames while measuring)",
        '',
        'Deepest stack: 10,000 of its 10,002 frames are walk (src/tree.ts:12:30)',
        'Growth:        313 KiB at n = 5 000, 625 KiB at n = 10 000: 64 B per unit of n',
        "               at n ≈ 15 000 this overflows Node's default stack (964 KiB free from an event-loop callback)",
        '',
        'Measured: 412 warm-up calls, then 4 readings, each the least free stack with which the call completes (8-byte steps), 96 ms',
        'Rerun:    { n: 10000 }',
        'Hint:     walk (src/tree.ts:12:30) recurses 10,000 levels deep and its depth grows with n: rewrite it as a loop over an explicit stack (an array of pending items), or recurse only into the smaller part and loop over the rest',
      ].join('\n'),
    );
  });

  test('says when the readings disagreed, and gives no estimate for a plain function', () => {
    const unsettled = { ...measurement, readings: [640_096, 640_080, 640_160], repeatable: false };
    const message = stackMessage({ isNot: true }, unsettled, { budgetBytes: 1_048_576, label: "Node's default stack", rerun: '{}' });
    expect(message).toContain('Expected: more than 1.00 MiB');
    expect(message).toContain('readings disagreed: 640096 B, 640080 B, 640160 B');
    expect(message).toContain("Free stack:    964 KiB free from an event-loop callback (Node's default stack)");
    expect(message).not.toContain('at n ≈');
    expect(message).toContain('Hint:     625 KiB is within 1.00 MiB');
  });
});
