export default { test: { setupFiles: ['perfspec/vitest'], include: ['perf.test.ts', 'faster.test.ts', 'report.test.ts'] } };
