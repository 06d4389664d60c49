import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { sized } from '../../src/engine/workload.js';
import { matchers } from '../../src/matchers/matchers.js';
import { trackQueries } from '../../src/queries/trackQueries.js';

const db = new Database(':memory:');
afterAll(() => db.close());

function* generator(): Generator<number> {
  yield 1;
}
async function* asyncGenerator(): AsyncGenerator<number> {
  yield 1;
}
class Parser {
  value = 1;
}

// Each matcher with arguments that would otherwise be valid: a generator's body never ran, and they all passed.
const calls: [string, (received: unknown) => Promise<unknown>][] = [
  ['toRunUnder', (received) => matchers.toRunUnder.call(undefined, received, 5)],
  ['toAllocateAtMost', (received) => matchers.toAllocateAtMost.call(undefined, received, '1 KiB')],
  ['toRetainAtMost', (received) => matchers.toRetainAtMost.call(undefined, received, 0)],
  ['toIssueQueriesAtMost', (received) => matchers.toIssueQueriesAtMost.call(undefined, received, 0)],
  ['toIssueRequestsAtMost', (received) => matchers.toIssueRequestsAtMost.call(undefined, received, 0)],
  ['toScaleAtMost', (received) => matchers.toScaleAtMost.call(undefined, received, 'n', { metric: 'ops', sizes: [1, 2, 3, 4] })],
];

describe('received values whose body a call never runs are refused', () => {
  test.each(calls)('%s refuses generator and async-generator functions, and a class', async (matcher, call) => {
    for (const [received, kind] of [
      [generator, 'this is a generator function'],
      [asyncGenerator, 'this is an async generator function'],
    ] as const) {
      const measured = matcher === 'toScaleAtMost' ? sized((n: number) => n, received) : received;
      await expect(call(measured)).rejects.toThrow(new RegExp(`^${matcher}: received.* must be a function whose body runs when called[\\s\\S]*Hint: +${kind}`));
    }
    await expect(call(matcher === 'toScaleAtMost' ? sized((n: number) => n, Parser as never) : Parser)).rejects.toThrow(/must be a function whose body runs[\s\S]*this is a class; measure what it does, e.g. expect\(\(\) => new Parser\(\)\)/);
  });

  test('sized() names a missing setup or run instead of failing later with "setup is not a function"', () => {
    expect(() => sized(null as never, (n: number) => n)).toThrow(/^sized: setup must be a function \(n\) => input[\s\S]*Received: null/);
    expect(() => sized((n: number) => n, 'run' as never)).toThrow(/^sized: run must be a function[\s\S]*Received: string run/);
  });

  test('toIssueRequestsAtMost refuses transactionControl, which only concerns database statements', async () => {
    await expect(matchers.toIssueRequestsAtMost.call(undefined, () => undefined, 0, { transactionControl: true })).rejects.toThrow(
      /^toIssueRequestsAtMost: options.transactionControl must be left out: it concerns database statements/,
    );
  });

  test('trackQueries on an object whose getter throws gets the usage error, not the getter\'s', () => {
    const hostile = Object.defineProperty({}, 'client', { get: () => { throw new Error('boom from a getter'); }, enumerable: true });
    expect(() => trackQueries(hostile)).toThrow(/^trackQueries: target must be a pg Client or Pool/);
    // A driver behind a throwing getter elsewhere is still found.
    const wrapped = Object.defineProperty({ db }, 'driver', { get: () => { throw new Error('boom'); } });
    const untrack = trackQueries(wrapped);
    untrack();
  });
});
