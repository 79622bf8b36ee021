/** One row a scenario hands the bench runner (the same shape as the runner's Figure). */
export interface ScenarioFigure {
  /** which item of the throughput issue's list */
  item: number;
  name: string;
  unit: 'ms';
  median: number | null;
  p99: number | null;
  goal: string;
  note?: string;
}

function pct(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const medianOf = (samples: number[]) => pct(samples, 50);
export const p99Of = (samples: number[]) => pct(samples, 99);
