import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['heap.bench.ts'],
    globals: true,
    setupFiles: ['../../dist/esm/vitest.js'],
    testTimeout: 3_600_000,
  },
});
