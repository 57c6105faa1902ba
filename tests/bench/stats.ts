/**
 * The few statistics and print helpers the benchmark needs. Repetitions are summarised by their
 * median (the typical run) and minimum (the run least disturbed by the machine), never the mean,
 * which one stray garbage collection or scheduler hiccup would skew; limits are judged on the max.
 */

export interface Summary {
  median: number;
  min: number;
  /** The worst run: what a limit such as "no task over 50 ms" is judged on. */
  max: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export const ms = (x: number): string => `${x.toFixed(1)} ms`;

export const fmt = (s: Summary): string => `median ${ms(s.median)}, min ${ms(s.min)}`;

/** One line of the final table: a measured figure against its target. */
export interface Row {
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

/** The summary table, columns padded to their widest cell. */
export function table(rows: readonly Row[]): string {
  const cells = [['figure', 'measured', 'target', ''], ...rows.map((r) => [r.figure, r.value, r.target, r.met ? 'met' : 'NOT MET'])];
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
