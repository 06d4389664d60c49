// Real Node APIs, wide margins: each must-catch workload blocks for tens to hundreds of ms against a 5 ms budget,
// and each must-pass one does the same work off the event loop.
import { execSync } from 'node:child_process';
import crypto from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { failureMessage } from '../fixtures/failureMessage.js';

const pbkdf2 = promisify(crypto.pbkdf2);
const gzip = promisify(zlib.gzip);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(join(tmpdir(), 'perfspec-blocking-'));
const bigFile = join(dir, 'big.bin');
const mediumFile = join(dir, 'medium.bin');
writeFileSync(mediumFile, crypto.randomBytes(16 * 1024 * 1024));
writeFileSync(bigFile, crypto.randomBytes(64 * 1024 * 1024));
const payloadText = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })));
const compressible = Buffer.alloc(16 * 1024 * 1024, 'perfspec ');

function hashPassword(password: string): Buffer {
  return crypto.pbkdf2Sync(password, 'salt', 300_000, 64, 'sha512');
}

async function handler(work: () => unknown): Promise<unknown> {
  await sleep(1);
  const result = work();
  await sleep(1);
  return result;
}

function sumOfRoots(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += Math.sqrt(i + x) % 7;
  return x;
}

describe('toBlockEventLoopAtMost on real Node APIs (must-catch against 5 ms, must-pass against 10 ms)', () => {
  test.each([
    ['crypto.pbkdf2Sync', () => handler(() => hashPassword('pw'))],
    ['crypto.scryptSync', () => handler(() => crypto.scryptSync('pw', 'salt', 64, { N: 2 ** 16, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }))],
    ['zlib.gzipSync', () => handler(() => zlib.gzipSync(compressible))],
    ['fs.readFileSync', () => handler(() => readFileSync(bigFile))],
    ['child_process.execSync', () => handler(() => execSync('sleep 0.2'))],
    ['JSON.parse', () => handler(() => JSON.parse(payloadText) as unknown)],
    ['JSON.stringify', async () => {
      const payload = await handler(() => JSON.parse(payloadText) as unknown);
      return handler(() => JSON.stringify(payload));
    }],
    ['a CPU loop', () => handler(() => sumOfRoots(3_000_000))],
  ])('catches %s inside an async handler', async (_name, work) => {
    await expect(work).not.toBlockEventLoopAtMost(5);
  }, 120_000);

  test.each([
    ['crypto.pbkdf2 promisified', () => handler(() => pbkdf2('pw', 'salt', 300_000, 64, 'sha512'))],
    ['zlib.gzip promisified', () => handler(() => gzip(compressible.subarray(0, 1024 * 1024)))],
    // Reading 64 MiB into one Buffer, even asynchronously, set off a ~10 ms major GC here: a 16 MiB file is read instead.
    ['fs.promises.readFile', () => handler(() => readFile(mediumFile))],
    [
      'a read stream',
      () =>
        new Promise<number>((resolve, reject) => {
          let bytes = 0;
          createReadStream(bigFile, { highWaterMark: 64 * 1024 })
            .on('data', (chunk) => (bytes += chunk.length))
            .on('end', () => resolve(bytes))
            .on('error', reject);
        }),
    ],
    [
      'a worker thread',
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker("const c = require('node:crypto'); require('node:worker_threads').parentPort.postMessage(c.pbkdf2Sync('pw', 'salt', 300000, 64, 'sha512').length)", { eval: true });
          worker.once('message', resolve).once('error', reject);
        }),
    ],
  ])('passes %s', async (_name, work) => {
    await expect(work).toBlockEventLoopAtMost(10);
  }, 120_000);

  test('the failure names the sync API, the user function and line, and the fix', async () => {
    const message = await failureMessage(expect(() => handler(() => hashPassword('pw'))).toBlockEventLoopAtMost(5));
    expect(message).toMatch(/^expect\(received\)\.toBlockEventLoopAtMost\(budgetMs\)\n\nExpected: no stretch over 5\.00 ms with the event loop blocked\nReceived: blocked \d[\d.]* m?s at a stretch \(median of 3 calls: /);
    expect(message).toMatch(/pbkdf2Sync ← hashPassword test\/matchers\/toBlockEventLoopAtMost\.real\.test\.ts:2\d:\d+( ← \S+)*\n/);
    expect(message).toMatch(/Synchronous Node APIs called during the call:\n +1× +crypto\.pbkdf2Sync +\S+ m?s judged +\(\S+ m?s wall\) +at hashPassword test\/matchers\/toBlockEventLoopAtMost\.real\.test\.ts:2\d:\d+( ← \S+)*\n/);
    expect(message).toContain('Hint:     crypto.pbkdf2Sync holds the event loop for');
    expect(message).toContain("use its async form (util.promisify(crypto.pbkdf2)): it runs on libuv's thread pool");
  }, 120_000);

  test('sync I/O is judged on the time it waited, and says so', async () => {
    const message = await failureMessage(expect(() => handler(() => execSync('sleep 0.2'))).toBlockEventLoopAtMost(50));
    expect(message).toMatch(/execSync ← (\S+ )?test\/matchers\/toBlockEventLoopAtMost\.real\.test\.ts:\d+:\d+/);
    expect(message).toContain('Hint:     child_process.execSync holds the event loop for');
  }, 120_000);

  test('a CPU loop with no sync API is named by the profiler', async () => {
    const message = await failureMessage(expect(() => handler(() => sumOfRoots(3_000_000))).toBlockEventLoopAtMost(5));
    console.log(message);
    expect(message).toMatch(/sumOfRoots test\/matchers\/toBlockEventLoopAtMost\.real\.test\.ts:\d+/);
    expect(message).toContain('Hint:     synchronous JavaScript holds the event loop');
  }, 120_000);
});
