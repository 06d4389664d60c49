import { expect, test } from 'vitest';

// A second test file, so that a two-way sharded run puts perfspec records in each shard.
test('a cheap call leaves a record for the run report', async () => {
  await expect(() => JSON.parse('{"a":[1,2,3]}')).toRunUnder(50);
  await expect(() => JSON.parse('{"a":1}')).toBeFasterThan(() => JSON.parse(JSON.stringify({ a: Array.from({ length: 200 }, (_, i) => i) })));
});
