const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** One line of figures: count, p50, p95, max. */
export function summary(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${fmt(pct(s, 50)).padStart(10)}  p95 ${fmt(pct(s, 95)).padStart(10)}  max ${fmt(s[s.length - 1]).padStart(10)}`);
}
