// The toBlockEventLoopAtMost cases of bench:patterns, against a 10 ms budget: each must-fail workload holds the
// loop for tens of ms on this machine, each must-pass one does the same work off the loop (or is a sub-ms handler).
import { execSync } from 'node:child_process';
import crypto from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { Buffer } from 'node:buffer';
import { matchers } from '../dist/esm/index.js';

const budgetMs = 10;

export async function blockingCases() {
  const dir = mkdtempSync(join(tmpdir(), 'perfspec-patterns-'));
  const bigFile = join(dir, 'big.bin');
  writeFileSync(bigFile, crypto.randomBytes(32 * 1024 * 1024));
  const payloadText = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })));
  // Text-like data (repeated words with varying numbers): gzip works on it as on real payloads.
  const compressible = Buffer.from(Array.from({ length: 100_000 }, (_, i) => `line ${i} perfspec ${i * 7919 % 10007}\n`).join(''));
  const pbkdf2 = promisify(crypto.pbkdf2);
  const gzip = promisify(zlib.gzip);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const handler = (work) => async () => {
    await tick();
    const result = await work();
    await tick();
    return result;
  };
  const sumOfRoots = (iterations) => {
    let x = 0;
    for (let i = 0; i < iterations; i++) x += Math.sqrt(i + x) % 7;
    return x;
  };
  const worker = () =>
    new Promise((resolve, reject) => {
      const w = new Worker("const c = require('node:crypto'); require('node:worker_threads').parentPort.postMessage(c.pbkdf2Sync('pw', 'salt', 50000, 64, 'sha512').length)", { eval: true });
      w.once('message', resolve).once('error', reject);
    });
  const stream = () =>
    new Promise((resolve, reject) => {
      let bytes = 0;
      createReadStream(bigFile, { highWaterMark: 64 * 1024 })
        .on('data', (chunk) => (bytes += chunk.length))
        .on('end', () => resolve(bytes))
        .on('error', reject);
    });
  const workloads = [
    ['crypto.pbkdf2Sync (50 000 iterations)', 'fail', handler(() => crypto.pbkdf2Sync('pw', 'salt', 50_000, 64, 'sha512'))],
    ['crypto.scryptSync (N = 2^13)', 'fail', handler(() => crypto.scryptSync('pw', 'salt', 64, { N: 2 ** 13, r: 8, p: 1 }))],
    ['zlib.gzipSync (~2.5 MiB of text)', 'fail', handler(() => zlib.gzipSync(compressible))],
    ['fs.readFileSync (32 MiB)', 'fail', handler(() => readFileSync(bigFile))],
    ["child_process.execSync('sleep 0.05')", 'fail', handler(() => execSync('sleep 0.05'))],
    ['JSON.parse (50 000 objects)', 'fail', handler(() => JSON.parse(payloadText))],
    ['JSON.stringify (50 000 objects)', 'fail', handler(() => JSON.stringify(JSON.parse(payloadText)))],
    ['a CPU loop (500 000 sqrt)', 'fail', handler(() => sumOfRoots(500_000))],
    ['crypto.pbkdf2 promisified', 'pass', handler(() => pbkdf2('pw', 'salt', 50_000, 64, 'sha512'))],
    ['zlib.gzip promisified (~2.5 MiB of text)', 'pass', handler(() => gzip(compressible))],
    ['a read stream (32 MiB)', 'pass', stream],
    ['a worker thread (pbkdf2Sync inside)', 'pass', worker],
    ['a sub-ms handler (0.2 ms of work between awaits)', 'pass', handler(() => sumOfRoots(5_000))],
  ];
  return {
    cases: workloads.map(([name, expected, fn]) => ({ matcher: 'toBlockEventLoopAtMost', name: `${name}, budget ${budgetMs} ms`, expected, assert: () => matchers.toBlockEventLoopAtMost.call({}, fn, budgetMs) })),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
