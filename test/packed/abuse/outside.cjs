// Outside any test runner: a measurement of a call that never settles must fail the script with perfspec's
// "did not settle" error, not let it exit 0 with no output (the guard timer keeps the process alive).
const { measureTime } = require('perfspec');

measureTime(() => new Promise(() => undefined), { maxTimeMs: 300 }).then(() => {
  process.stdout.write('measureTime resolved\n');
});
