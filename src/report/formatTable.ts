/**
 * Aligns rows of cells into columns two spaces apart, each line indented by two spaces; columns listed in
 * `rightAligned` (by index) are padded on the left, so numbers line up on their units.
 *
 * @example
 * formatTable([['n', 'median'], ['1 000', '0.21 ms']], [0, 1]);
 */
export function formatTable(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}
