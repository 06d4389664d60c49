module.exports = {
  setupFilesAfterEnv: ['perfspec/jest'],
  testMatch: ['**/perf.test.js', '**/globals.test.js'],
  reporters: ['default', ['perfspec/reporter', { json: 'perf/report.json', githubBenchmark: 'perf/github-benchmark.json' }]],
};
