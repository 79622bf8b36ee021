const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** One line of figures: count, p50, p95, max. */
export function summary(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${fmt(pct(s, 50)).padStart(10)}  p95 ${fmt(pct(s, 95)).padStart(10)}  max ${fmt(s[s.length - 1]).padStart(10)}`);
}

/**
 * One row of the bench table. Scenario files (bench/scenarios/*.ts) export async functions that
 * return one Figure or several; the runner prints them with the others and stores them in
 * bench/results/latest.json.
 */
export interface Figure {
  /** which item of the issue's list (1..7; 0: the profile's statement counts) */
  item: number;
  name: string;
  unit: 'ms' | 'alerts/s' | 'intents/s' | 'MB' | 'statements';
  median: number | null;
  p99: number | null;
  goal: string;
  /** the same measure on the bare Node http endpoint, where one applies */
  bare?: { median: number | null; p99: number | null } | null;
  note?: string;
}

export function median(samples: number[]): number | null {
  return samples.length ? pct([...samples].sort((a, b) => a - b), 50) : null;
}

export function p99(samples: number[]): number | null {
  return samples.length ? pct([...samples].sort((a, b) => a - b), 99) : null;
}
