import { afterEach, describe, expect, test } from 'vitest';
import { configure } from '../../src/config/configure.js';
import type { MatcherResult } from '../../src/report/layout.js';
import { assertionSession } from '../../src/session/assertionSession.js';
import { inconclusiveSummary } from '../../src/session/inconclusiveSummary.js';
import { instrumentMatchers } from '../../src/session/instrumentMatchers.js';
import { unawaitedAssertions } from '../../src/session/unawaitedAssertions.js';

// The session is module state shared with this file's own perfspec assertions: these tests use their own test
// keys and restore the counters.
let saved = { inconclusive: [...assertionSession.inconclusive], assertions: assertionSession.assertions };
afterEach(() => {
  assertionSession.inconclusive = saved.inconclusive;
  assertionSession.assertions = saved.assertions;
  configure({ inconclusive: undefined });
  saved = { inconclusive: [...assertionSession.inconclusive], assertions: assertionSession.assertions };
});

/** A matcher that settles when told to, with the result or error given (also when told before it was called). */
function controllable() {
  let finish: (outcome: MatcherResult | Error) => void = () => {};
  const settled = new Promise<MatcherResult>((resolve, reject) => {
    finish = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
  });
  settled.catch(() => {});
  const matcher = (_received: unknown, ..._rest: unknown[]): Promise<MatcherResult> => settled;
  return { matcher, finish: (outcome: MatcherResult | Error) => finish(outcome) };
}

describe('instrumentMatchers', () => {
  test('an assertion still pending when its test ends was not awaited: the error says to add await', async () => {
    const { matcher, finish } = controllable();
    const shown: string[] = [];
    const wrapped = instrumentMatchers({ toRunUnder: matcher }, { testOf: () => 'test A', show: (_test, note) => shown.push(note) });
    const outcome = wrapped.toRunUnder.call({ isNot: false }, () => 1, 5);
    const reported = unawaitedAssertions('test A');
    finish(new Error('over budget'));
    const error = await reported;
    expect(error?.message).toBe(
      'toRunUnder was not awaited: the test ended while it was still measuring, so its verdict could not fail the test. Every perfspec matcher is async: add `await`, as in `await expect(fn).toRunUnder(…)`',
    );
    // Its own failure is swallowed: it must not surface again as an unhandled rejection after the run.
    await expect(outcome).resolves.toMatchObject({ pass: true });
  });

  test('an un-awaited assertion that measures in microtasks only is still pending when its test ends', async () => {
    const immediate = async (_received: unknown, ..._rest: unknown[]): Promise<MatcherResult> => ({ pass: false, message: () => 'slow' });
    const wrapped = instrumentMatchers({ toRunUnder: immediate }, { testOf: () => 'test E', show: () => {} });
    const outcome = wrapped.toRunUnder.call({}, () => 1, 5);
    await Promise.resolve();
    expect((await unawaitedAssertions('test E'))?.message).toMatch(/^toRunUnder was not awaited/);
    await expect(outcome).resolves.toMatchObject({ pass: true });
  });

  test('awaited assertions leave nothing pending, and other tests are not blamed', async () => {
    const { matcher, finish } = controllable();
    const wrapped = instrumentMatchers({ toRunUnder: matcher }, { testOf: () => 'test B', show: () => {} });
    const outcome = wrapped.toRunUnder.call({}, () => 1, 5);
    expect(await unawaitedAssertions('test C')).toBeUndefined();
    finish({ pass: false, message: () => 'slow' });
    await expect(outcome).resolves.toMatchObject({ pass: false });
    expect(await unawaitedAssertions('test B')).toBeUndefined();
  });

  test('an inconclusive result is shown on its test and counted for the file summary', async () => {
    const shown: [unknown, string][] = [];
    const inconclusive = async (_received: unknown, ..._rest: unknown[]): Promise<MatcherResult> => ({ pass: true, message: () => 'm', inconclusive: 'toRunUnder inconclusive: the cap ended sampling' });
    const decisive = async (_received: unknown, ..._rest: unknown[]): Promise<MatcherResult> => ({ pass: true, message: () => 'm' });
    const wrapped = instrumentMatchers({ toRunUnder: inconclusive, toAllocateAtMost: decisive }, { testOf: () => 'test D', show: (test, note) => shown.push([test, note]) });
    assertionSession.inconclusive = [];
    assertionSession.assertions = 0;
    await wrapped.toRunUnder.call({}, () => 1, 5);
    await wrapped.toAllocateAtMost.call({}, () => 1, 5);
    expect(shown).toEqual([['test D', 'toRunUnder inconclusive: the cap ended sampling']]);
    expect(inconclusiveSummary()).toBe(
      "[perfspec] 1 of 2 perfspec assertions in this file was inconclusive (policy 'warn', each decided by its point estimate); the marked tests say why. configure({ inconclusive: 'fail' }) or PERFSPEC_INCONCLUSIVE=fail makes them fail",
    );
    assertionSession.inconclusive = [];
    expect(inconclusiveSummary()).toBeUndefined();
  });
});
