// The hidden-recursion guard. examples/failing/recursion.test.ts shows the failure it catches.
import { sized } from 'perfspec';
import { expect, test } from 'vitest';
import { countComments, countCommentsRecursive, replyChain, spreadThread } from './support/comments.js';

test('counting a 10 000-deep reply chain needs at most 1 KiB of stack', async () => {
  await expect(sized((n) => replyChain(n), countComments)).toUseStackAtMost('1 KiB', 10_000);
  expect(countComments(replyChain(1000))).toBe(countCommentsRecursive(replyChain(1000)));
});

test("the loop's stack does not grow with the thread; recursion over a spread thread grows like log n", async () => {
  await expect(sized((n) => replyChain(n), countComments)).toScaleAtMost('1', { metric: 'stack' });
  await expect(sized((n) => spreadThread(n), countCommentsRecursive)).toScaleAtMost('log n', { metric: 'stack' });
});
