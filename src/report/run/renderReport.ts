import { relative } from 'node:path';
import { formatTable } from '../layout.js';
import { formatMetricValue, formatRatio } from '../units.js';
import type { PerfRecord } from './recordAssertion.js';

/**
 * The output formats of the run report: `json` (`{ records }`), `bmf` (Bencher Metric Format), `githubBenchmark`
 * (github-action-benchmark's `customSmallerIsBetter` format), `markdown` (a summary for `$GITHUB_STEP_SUMMARY`) and
 * `table` (the plain-text table printed at the end of a run).
 *
 * @example
 * const format: ReportFormat = 'bmf';
 */
export type ReportFormat = 'json' | 'bmf' | 'githubBenchmark' | 'markdown' | 'table';

/**
 * Renders the records of a run in one of the report formats. Names are `file > test > matcher` (file relative to
 * `root`), made unique with `#2`, `#3` when a test makes several assertions of one matcher.
 *
 * @param root - the directory file paths are shown relative to (default the working directory).
 * @example
 * writeFileSync('perf.bmf.json', renderReport(records, 'bmf'));
 */
export function renderReport(records: readonly PerfRecord[], format: ReportFormat, root: string = process.cwd()): string {
  const named = uniqueNames(records, root);
  // A growth assertion that measured no slope has no value: the history engines take numbers only.
  const measured = named.filter(({ record }) => Number.isFinite(record.value));
  switch (format) {
    case 'json':
      return `${JSON.stringify({ records }, null, 2)}\n`;
    case 'bmf':
      return `${JSON.stringify(Object.fromEntries(measured.map(({ name, record }) => [name, { [measureOf(record)]: bmfMetric(record) }])), null, 2)}\n`;
    case 'githubBenchmark':
      return `${JSON.stringify(measured.map(({ name, record }) => githubEntry(name, record)), null, 2)}\n`;
    case 'markdown':
      return markdown(named);
    case 'table':
      return table(named);
  }
}

function uniqueNames(records: readonly PerfRecord[], root: string): { name: string; record: PerfRecord }[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const file = record.file === '' ? '' : `${relative(root, record.file).split('\\').join('/')} > `;
    const base = `${file}${record.test === '' ? '(no test)' : record.test} > ${record.matcher}${record.n === undefined ? '' : ` n=${record.n}`}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { name: count === 1 ? base : `${base} #${count}`, record };
  });
}

/** Bencher's built-in measure for time is `latency`, in nanoseconds; the others are named after their metric. */
function measureOf(record: PerfRecord): string {
  return record.unit === 'ns' ? 'latency' : `${record.metric}`;
}

function bmfMetric(record: PerfRecord): { value: number; lower_value?: number; upper_value?: number } {
  return {
    value: record.value,
    ...(record.lower === undefined ? {} : { lower_value: record.lower }),
    ...(record.upper === undefined ? {} : { upper_value: record.upper }),
  };
}

// github-action-benchmark reads one direction per file: everything is written smaller-is-better, so a speedup is
// written as the received function's time relative to the reference's (1 / speedup).
function githubEntry(name: string, record: PerfRecord): { name: string; unit: string; value: number; range?: string; extra: string } {
  const inverted = record.direction === 'at least';
  const value = inverted ? 1 / record.value : record.value;
  const lower = inverted ? record.upper && 1 / record.upper : record.lower;
  const upper = inverted ? record.lower && 1 / record.lower : record.upper;
  const unit = inverted ? 'x reference time' : record.unit;
  return {
    name,
    unit,
    value,
    ...(lower === undefined || upper === undefined ? {} : { range: `${lower}..${upper}` }),
    extra: `${record.verdict}; ${record.statistic}; budget ${record.direction} ${record.budget} ${record.unit}${record.n === undefined ? '' : `; n=${record.n}`}`,
  };
}

function shown(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  return unit === '×' ? formatRatio(value) : formatMetricValue(value, unit);
}

function headroom(record: PerfRecord): string {
  const share = record.direction === 'at most' ? (record.budget - record.value) / record.budget : record.value / record.budget - 1;
  if (!Number.isFinite(share)) return '—';
  return `${share >= 0 ? '+' : '−'}${Math.abs(share * 100).toFixed(0)}%`;
}

function verdictOf(record: PerfRecord): string {
  const outcome = record.pass !== (record.negated === true) ? 'passed' : 'failed';
  if (record.verdict === 'inconclusive') return `INCONCLUSIVE (${outcome})`;
  return outcome === 'passed' ? 'pass' : 'FAIL';
}

function rows(named: readonly { name: string; record: PerfRecord }[]): string[][] {
  return named.map(({ name, record }) => {
    const bounds = record.lower === undefined || record.upper === undefined ? '' : ` (${shown(record.lower, record.unit)}–${shown(record.upper, record.unit)})`;
    return [
      name,
      `${record.statistic} ${shown(record.value, record.unit)}${bounds}`,
      `${record.negated === true ? 'not ' : ''}${record.direction} ${shown(record.budget, record.unit)}`,
      headroom(record),
      verdictOf(record),
    ];
  });
}

function table(named: readonly { name: string; record: PerfRecord }[]): string {
  if (named.length === 0) return 'perfspec: no performance assertions recorded\n';
  const body = rows(named);
  const inconclusive = named.filter(({ record }) => record.verdict === 'inconclusive').length;
  const failed = body.filter((row) => row[4] === 'FAIL' || row[4] === 'INCONCLUSIVE (failed)').length;
  const lines = formatTable([['assertion', 'measured', 'budget', 'headroom', 'verdict'], ...body], [3]);
  const summary = `${named.length} performance ${named.length === 1 ? 'assertion' : 'assertions'}, ${failed} failed, ${inconclusive} inconclusive`;
  return `\nperfspec\n${lines.join('\n')}\n  ${summary}\n`;
}

function markdown(named: readonly { name: string; record: PerfRecord }[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const body = rows(named).map((row) => `| ${row.map(escape).join(' | ')} |`);
  const inconclusive = named.filter(({ record }) => record.verdict === 'inconclusive').length;
  const fingerprint = named[0]?.record.fingerprint;
  const machine =
    fingerprint === undefined
      ? ''
      : `\n_${fingerprint.runner} ${fingerprint.runnerVersion}, Node ${fingerprint.node}, ${fingerprint.cpuCount} × ${fingerprint.cpuModel}, ${fingerprint.os}, time scale ${fingerprint.timeScale}_\n`;
  return [
    '## perfspec',
    '',
    `${named.length} performance ${named.length === 1 ? 'assertion' : 'assertions'}, ${inconclusive} inconclusive.`,
    '',
    '| assertion | measured | budget | headroom | verdict |',
    '|---|---|---|---:|---|',
    ...body,
    machine,
  ].join('\n');
}
