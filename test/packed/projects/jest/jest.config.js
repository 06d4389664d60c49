module.exports = { setupFilesAfterEnv: ['perfspec/jest'], testMatch: ['**/perf.test.js', '**/globals.test.js'] };
