// Deliberately failing: counting a thread by recursion takes one stack frame per level, and a reply chain is as deep
// as it is long. The failure messages are the point: they name the recursive function and its line, and the depth
// at which Node's default stack overflows.
import { sized } from 'perfspec';
import { expect, test } from 'vitest';
import { countCommentsRecursive, replyChain } from '../support/comments.js';

test('counting a 5 000-deep reply chain needs at most 64 KiB of stack (recursion needs far more)', async () => {
  await expect(sized((n) => replyChain(n), countCommentsRecursive)).toUseStackAtMost('64 KiB', 5_000);
});

test("counting a reply chain needs stack growing at most like log n (recursion's grows like n)", async () => {
  await expect(sized((n) => replyChain(n), countCommentsRecursive)).toScaleAtMost('log n', { metric: 'stack' });
});
