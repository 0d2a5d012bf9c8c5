/** A run of text seen for its writing direction: the x and y of its direction vector, and its length in characters. */
export interface Heading {
  dx: number;
  dy: number;
  length: number;
}

/**
 * Extra rotation (0, 90, 180, 270) that makes most characters horizontal, weighted by length: a
 * landscape table drawn sideways on a portrait page is read turned, whatever the page's /Rotate says.
 */
export function dominantTurn(runs: Iterable<Heading>): number {
  const weight = new Map<number, number>();
  for (const { dx, dy, length } of runs) {
    const angle = (Math.round((Math.atan2(dy, dx) * 180) / Math.PI / 90) * 90 + 360) % 360;
    weight.set(angle, (weight.get(angle) ?? 0) + length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [angle, w] of weight) {
    if (w > bestWeight) {
      best = angle;
      bestWeight = w;
    }
  }
  return best;
}
