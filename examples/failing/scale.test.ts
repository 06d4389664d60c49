// Deliberately failing: deduplicating with `includes` inside a loop is quadratic. The message shows the growth.
import { expect, it } from 'vitest';
import { sized } from 'perfspec';
import { randomWords, uniqueWordsSlow } from '../support/words.js';

it('deduplicating with includes grows linearly (it does not)', async () => {
  await expect(sized(randomWords, uniqueWordsSlow)).toScaleAtMost('n');
});
