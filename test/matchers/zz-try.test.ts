import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { matchers } from '../../src/matchers/matchers.js';

const numbers = Array.from({ length: 1000 }, (_, i) => i);
function evenSquares(xs: readonly number[]): number[] {
  return xs.map((x) => x * x).filter((x) => x % 2 === 0);
}
const emitter = new EventEmitter();
emitter.setMaxListeners(0);
function subscribe(): void {
  emitter.on('tick', () => undefined);
}
it('try', async () => {
  const r = await matchers.toAllocateAtMost.call({}, () => evenSquares(numbers), '2 KiB');
  console.log(r.pass, '\n' + r.message());
  const r2 = await matchers.toRetainAtMost.call({}, subscribe, 0);
  console.log(r2.pass, '\n' + r2.message());
  expect(1).toBe(1);
});
