export default { test: { setupFiles: ['perfspec/vitest'], include: ['snapshot.test.ts'] } };
