// The 'blocking' metric on real work, classes far apart: parsing the whole payload synchronously (longest stretch
// grows like n) against processing it in fixed chunks with a turn of the event loop between them (constant).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { sized } from '../../src/engine/workload.js';
import { failureMessage } from '../fixtures/failureMessage.js';

const sizes = [2_000, 4_000, 8_000, 16_000];
const payloadOf = (n: number): string[] => Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b'] }));

async function parseAll(lines: string[]): Promise<number> {
  await nextTurn();
  return JSON.parse(`[${lines.join(',')}]`).length as number;
}

async function parseInChunks(lines: string[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < lines.length; i += 1_000) {
    await nextTurn();
    count += (JSON.parse(`[${lines.slice(i, i + 1_000).join(',')}]`) as unknown[]).length;
  }
  return count;
}

test("toScaleAtMost('1', { metric: 'blocking' }) fails a handler that parses the whole payload and passes one that yields per chunk", async () => {
  await expect(sized(payloadOf, parseInChunks)).toScaleAtMost('1', { metric: 'blocking', sizes, maxTimeMs: 60_000 });
  const message = await failureMessage(expect(sized(payloadOf, parseAll)).toScaleAtMost('1', { metric: 'blocking', sizes, maxTimeMs: 60_000 }));
  expect(message).toContain('median longest blocked stretch of the event loop per call');
  expect(message).toContain('toBlockEventLoopAtMost at one n names what runs');
}, 200_000);
