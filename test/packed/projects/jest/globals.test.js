const { expect, test } = require('@jest/globals');
const { sized } = require('perfspec');

test('the matchers are on the expect of @jest/globals too', async () => {
  await expect(sized((n) => n, (n) => n * 2)).toRunUnder(50, 10);
  await expect(() => new Promise((resolve) => setImmediate(resolve))).toRunUnder(200, { clock: 'wall' });
});
