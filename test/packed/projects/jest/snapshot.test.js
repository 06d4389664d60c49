// The perf snapshot round trip, run by test/packed/run.mjs several times in a row (record, compare, an added N+1,
// -u, a renamed test, CI): it is left out of the default testMatch. PostgreSQL as in perf.test.js.
const nPlusOne = process.env.PERF_SNAPSHOT_N_PLUS_ONE === '1';
const renamed = process.env.PERF_SNAPSHOT_RENAME === '1';

function spin(iterations) {
  // Math is read once: under Jest's vm context every global lookup inside a hot loop costs ~85× more.
  const sqrt = Math.sqrt;
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}

test(renamed ? 'a perf snapshot under a new name' : 'a perf snapshot is recorded, then matched', async () => {
  // Synchronous work: its time is judged on CPU time.
  await expect(() => spin(200_000)).toMatchPerfSnapshot();
  const pg = require('pg');
  const client = new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test' });
  await client.connect();
  try {
    const listUsers = async () => {
      const { rows } = await client.query('SELECT generate_series(1, 5) AS id');
      if (nPlusOne) for (const row of rows) await client.query('SELECT $1::int AS team_id', [row.id]);
      return rows;
    };
    // Round trips to a server on a shared machine: wall time and socket buffers vary from run to run, so the
    // tolerances are wide; the queries are compared exactly.
    await expect(listUsers).toMatchPerfSnapshot({ timeTolerance: 10, allocationTolerance: 1 });
  } finally {
    await client.end();
  }
}, 60_000);
