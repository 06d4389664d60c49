import { formatSize } from './formatSize.js';

/** Plot area in characters. */
const width = 44;
const height = 9;

/**
 * A small text plot of log(value) against log(n): `●` for the measured medians, `·` for a reference curve
 * through the anchor point (the bound's growth), with the value axis labelled at its ends in the caller's units.
 *
 * @example
 * formatLogPlot([{ n: 1000, value: 2e5 }, { n: 2000, value: 8e5 }], { logCurve: n => Math.log(n), anchorN: 1000, format: formatDuration, curveName: 'O(n)' });
 */
export function formatLogPlot(
  points: readonly { n: number; value: number }[],
  reference: { logCurve: (n: number) => number; anchorN: number; format: (value: number) => string; curveName: string },
): string[] {
  const usable = points.filter((p) => p.value > 0);
  const anchor = usable.find((p) => p.n === reference.anchorN);
  if (usable.length < 2 || anchor === undefined) return [];
  const x0 = Math.log(usable[0]?.n ?? 1);
  const x1 = Math.log(usable.at(-1)?.n ?? 1);
  const logs = usable.map((p) => Math.log(p.value));
  const y0 = Math.min(...logs);
  const y1 = Math.max(...logs);
  if (!(x1 > x0) || !(y1 > y0)) return [];
  const column = (x: number): number => Math.round(((x - x0) / (x1 - x0)) * (width - 1));
  const row = (y: number): number => Math.round(((y1 - y) / (y1 - y0)) * (height - 1));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));

  const anchorY = Math.log(anchor.value) - reference.logCurve(anchor.n);
  for (let c = column(Math.log(anchor.n)); c < width; c++) {
    const n = Math.exp(x0 + (c / (width - 1)) * (x1 - x0));
    const r = row(anchorY + reference.logCurve(n));
    const cells = grid[r];
    if (cells !== undefined) cells[c] = '·';
  }
  usable.forEach((p, i) => {
    const cells = grid[row(logs[i] as number)];
    if (cells !== undefined) cells[column(Math.log(p.n))] = '●';
  });

  const top = reference.format(Math.max(...usable.map((p) => p.value)));
  const bottom = reference.format(Math.min(...usable.map((p) => p.value)));
  const margin = Math.max(top.length, bottom.length);
  const lines = grid.map((cells, r) => {
    const label = r === 0 ? top : r === height - 1 ? bottom : '';
    return `  ${label.padStart(margin)} ${r === 0 || r === height - 1 ? '┤' : '│'}${cells.join('')}`.trimEnd();
  });
  const first = `n = ${formatSize(usable[0]?.n ?? 0)}`;
  const last = formatSize(usable.at(-1)?.n ?? 0);
  lines.push(`  ${' '.repeat(margin)} └${'─'.repeat(width)}`);
  lines.push(`  ${' '.repeat(margin)}  ${first}${last.padStart(width - first.length)}`);
  lines.push(`  ${' '.repeat(margin)}  log–log: ● median, · ${reference.curveName} from n = ${formatSize(anchor.n)}`);
  return lines;
}
