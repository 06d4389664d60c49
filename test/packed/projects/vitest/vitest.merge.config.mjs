import { defineConfig } from 'vitest/config';

// Used with `vitest --merge-reports`: the perfspec reporter writes every format from the merged shards.
export default defineConfig({
  test: {
    reporters: [['perfspec/reporter', { json: 'perf/report.json', bmf: 'perf/bmf.json', githubBenchmark: 'perf/github-benchmark.json', markdown: 'perf/summary.md' }]],
  },
});
