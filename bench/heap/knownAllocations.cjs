// Workloads whose allocation per call is known from V8's object layout (64-bit Node without pointer
// compression, as every official Node 20/22 build is: tagged fields are 8 bytes):
//   JSArray          map, properties, elements, length                      = 32 B
//   FixedArray       map, length + 8 B per element                          = 16 + 8·k B
//   SeqOneByteString map, hash (4 B), length (4 B) + 1 B per char, 8-aligned = 16 + k B (k a multiple of 8)
//   JSMap            map, properties, elements, table                       = 32 B
//   OrderedHashMap   a FixedArray of 3 counts + c/2 buckets + 3 slots (key, value, chain) per entry, c = 4, 8, …;
//                    it doubles when full and every growth allocates a new table: 16 + 8·(3 + c/2 + 3c) B each
//   Float64Array(k)  the JSTypedArray (96 B) and its JSArrayBuffer (88 B), as V8's own heap snapshot reports
//                    their self sizes, + 8·k B of backing store outside the heap
// Every result escapes (returned or stored), so no optimizing compiler can remove the allocation.
// CommonJS so that the Jest (ts-jest, module commonjs) benchmark project can require it too.
'use strict';

let sink;
const lowercase = 'abcdefgh'.repeat(12_500).split('').join(''); // flat, one-byte, 100 000 chars

const mapBytes = (entries) => {
  let bytes = 32;
  for (let capacity = 4; ; capacity *= 2) {
    bytes += 16 + 8 * (3 + capacity / 2 + 3 * capacity);
    if (capacity >= entries) return bytes;
  }
};

/** @type {{ name: string, trueBytes: number, run: () => unknown }[]} */
exports.knownAllocations = [
  {
    name: 'array of 10 000 small integers',
    trueBytes: 32 + 16 + 8 * 10_000,
    run: () => {
      const a = new Array(10_000);
      for (let i = 0; i < 10_000; i++) a[i] = i;
      return a;
    },
  },
  { name: 'string of 100 000 chars', trueBytes: 16 + 100_000, run: () => lowercase.toUpperCase() },
  {
    name: 'Map of 1 000 entries',
    trueBytes: mapBytes(1000),
    run: () => {
      const m = new Map();
      for (let i = 0; i < 1000; i++) m.set(i, i);
      return m;
    },
  },
  { name: 'Float64Array of 100 000', trueBytes: 96 + 88 + 8 * 100_000, run: () => new Float64Array(100_000) },
  {
    name: '200 MB of short-lived arrays',
    trueBytes: 200_000 * (32 + 16 + 8 * 125),
    run: () => {
      for (let i = 0; i < 200_000; i++) sink = new Array(125);
      return sink;
    },
  },
  { name: 'nothing', trueBytes: 0, run: () => undefined },
];
