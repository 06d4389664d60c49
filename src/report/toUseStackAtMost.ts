import type { StackMeasurement } from '../engine/stack/measureStack.js';
import type { MatcherContext } from './layout.js';
import { formatMessage } from './layout.js';
import { formatBytes, formatSize } from './units.js';

/**
 * How the stack of a sized workload grows below the asserted n: two measured points, bytes per unit of n between
 * them, and — when the growth is close to linear — the n at which the free stack would run out.
 *
 * @example
 * const growth: StackGrowth = { points: [{ n: 500, bytes: 32_080 }, { n: 1000, bytes: 64_080 }], bytesPerUnit: 64, overflowN: 15_400 };
 */
export interface StackGrowth {
  points: { n: number; bytes: number }[];
  bytesPerUnit: number;
  overflowN?: number;
}

/**
 * The failure message of `toUseStackAtMost` in perfspec's common layout: the stack the call needed against the
 * budget, the frames of its deepest stack and the function that repeats there (file:line), how it grows with n
 * and where the stack would overflow, and how it was measured.
 *
 * @example
 * message: () => stackMessage(this, measurement, { budgetBytes: 65_536, label: "Node's default stack", rerun: '{ n: 1000 }' })
 */
export function stackMessage(context: MatcherContext | undefined, measurement: StackMeasurement, asked: { budgetBytes: number; label: string; growth?: StackGrowth | undefined; rerun: string }): string {
  const isNot = context?.isNot === true;
  const { recursion, frames, overflow } = measurement;
  const exact = `${formatBytes(measurement.bytes)}${measurement.bytes >= 1024 ? ` (${measurement.bytes.toLocaleString('en-US')} B)` : ''}`;
  const depth = frames === undefined ? '' : `, ${frames.toLocaleString('en-US')} ${frames === 1 ? 'frame' : 'frames'} deep`;
  const agreement = measurement.repeatable ? settledReadings(measurement.readings) : `readings disagreed: ${measurement.readings.map((bytes) => `${bytes} B`).join(', ')}`;
  const received = overflow !== undefined ? `more than ${exact}, the whole free stack: the call overflowed (${overflow.message})${depth}` : `${exact} of stack beyond the caller's${depth} (${agreement})`;
  const free = `${formatBytes(measurement.availableBytes)} free from an event-loop callback`;

  const evidence: string[] = [];
  if (recursion !== undefined) {
    evidence.push(`Deepest stack: ${recursion.frames.toLocaleString('en-US')} of its ${(frames ?? recursion.frames).toLocaleString('en-US')} frames are ${recursion.name} (${recursion.site})`);
  }
  const growth = asked.growth;
  if (growth !== undefined) {
    const points = growth.points.map((p) => `${formatBytes(p.bytes)} at n = ${formatSize(p.n)}`).join(', ');
    evidence.push(`Growth:        ${points}: ${growth.bytesPerUnit >= 10 ? Math.round(growth.bytesPerUnit) : growth.bytesPerUnit.toPrecision(2)} B per unit of n`);
    if (growth.overflowN !== undefined) evidence.push(`               at n ≈ ${formatSize(roundEstimate(growth.overflowN))} this overflows ${asked.label} (${free})`);
  } else if (overflow === undefined) {
    evidence.push(`Free stack:    ${free} (${asked.label})`);
  }

  const hints: string[] = [];
  if (isNot) hints.push(`${formatBytes(measurement.bytes)} is within ${formatBytes(asked.budgetBytes)}`);
  else if (recursion !== undefined && recursion.frames > 2) {
    const perUnit = growth !== undefined && growth.bytesPerUnit > 0 ? ` and its depth grows with n` : '';
    hints.push(`${recursion.name} (${recursion.site}) recurses ${recursion.frames.toLocaleString('en-US')} levels deep${perUnit}: rewrite it as a loop over an explicit stack (an array of pending items), or recurse only into the smaller part and loop over the rest`);
  } else if (overflow === undefined) {
    hints.push('no function repeats on the deepest stack: look for large frames (many locals, big argument lists, spread of a long array into a call)');
  }
  return formatMessage(context, {
    matcher: 'toUseStackAtMost',
    expectedArgument: 'bytes',
    expected: `${isNot ? 'more than' : 'at most'} ${formatBytes(asked.budgetBytes)} of stack beyond the caller's`,
    received,
    evidence,
    measured: `${measurement.warmupCalls} warm-up ${measurement.warmupCalls === 1 ? 'call' : 'calls'}, then ${measurement.readings.length} ${measurement.readings.length === 1 ? 'reading' : 'readings'}, each the least free stack with which the call completes (8-byte steps), ${Math.round(measurement.elapsedMs)} ms`,
    rerun: asked.rerun,
    hints,
  });
}

function roundEstimate(n: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1);
  return Math.round(n / magnitude) * magnitude;
}

/**
 * "the same in the last 3 of 4 readings; the first was 482 KiB": V8 can change a function's frames while it is
 * measured (a tier-up, or a deoptimization when the first overflow passes through it), and an earlier figure says so.
 */
function settledReadings(readings: readonly number[]): string {
  const last = readings.at(-1);
  let same = 0;
  for (let i = readings.length - 1; i >= 0 && readings[i] === last; i--) same++;
  const earlier = readings.slice(0, readings.length - same);
  if (earlier.length === 0) return `the same in ${same === 1 ? '1 reading' : `all ${same} readings`}`;
  const first = earlier.length === 1 ? `the first was ${exactBytes(earlier[0] ?? 0)}` : `earlier ones ${earlier.map((bytes) => exactBytes(bytes)).join(', ')}`;
  return `the same in the last ${same} of ${readings.length} readings; ${first}: the JIT changed the frames while measuring`;
}

function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B`;
}
