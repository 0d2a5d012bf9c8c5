/** Weighted statistics over [value, weight] pairs (weights: characters, pixels), and rounding. Pure. */

/** Positions and sizes are given to the hundredth of a point. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

export type Weighted = readonly [value: number, weight: number];

/** The value below and above which lies half the weight; null when there is no weight. */
export function weightedMedian(values: readonly Weighted[]): number | null {
  const sorted = values.filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, w]) => n + w, 0);
  let seen = 0;
  for (const [v, w] of sorted) {
    seen += w;
    if (seen * 2 >= total) return v;
  }
  return null;
}

/** The value carrying the most weight (the smaller one on a tie); null when there is none. */
export function weightedMode(values: Iterable<Weighted>): number | null {
  const weights = new Map<number, number>();
  for (const [v, w] of values) weights.set(v, (weights.get(v) ?? 0) + w);
  return [...weights.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
}
