export default { test: { setupFiles: ['perfspec/vitest'], include: ['perf.test.ts', 'report.test.ts'] } };
