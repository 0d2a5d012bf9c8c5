/**
 * Reading order of a page set in two columns. A gutter is a vertical white strip near the middle of
 * the page that no line crosses while text lines end just left of it and start just right of it on
 * several lines. Lines crossing it (a title over both columns) cut the page into bands; in each band
 * the left column is read before the right one.
 */
import { type Line, makeLine } from "./layout.ts";

const MIN_SIDE_LINES = 4;

/** The x of the gutter of a two-column page, or null for a single column. */
export function findGutter(rows: Line[], pageWidth: number): number | null {
  const body = rows.filter((r) => r.text.length > 1);
  if (body.length < 2 * MIN_SIDE_LINES) return null;
  let best: { from: number; to: number; crossing: number } | null = null;
  for (let x = pageWidth * 0.3; x <= pageWidth * 0.7; x += 2) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const r of body) {
      if (r.frags.some((f) => f.x0 < x - 1 && f.x1 > x + 1)) {
        crossing++;
        continue;
      }
      const l = r.frags.filter((f) => f.x1 <= x);
      const rt = r.frags.filter((f) => f.x0 >= x);
      // A column line is wide: narrow bits beside the gutter are labels, numbers, signatures.
      if (l.length && Math.max(...l.map((f) => f.x1)) - Math.min(...l.map((f) => f.x0)) > pageWidth * 0.2) left++;
      if (rt.length && Math.max(...rt.map((f) => f.x1)) - Math.min(...rt.map((f) => f.x0)) > pageWidth * 0.2) right++;
    }
    const separated = Math.min(left, right);
    if (separated < MIN_SIDE_LINES || crossing > 0.3 * (crossing + separated)) continue;
    if (!best || crossing < best.crossing) best = { from: x, to: x, crossing };
    else if (crossing === best.crossing && x - best.to <= 2) best.to = x;
  }
  // The middle of the white strip, away from both columns.
  return best ? (best.from + best.to) / 2 : null;
}

/** Lines of one page in reading order: bands cut by crossing lines, left column then right column. */
export function readingOrder(rows: Line[], pageWidth: number): Line[] {
  const gutter = findGutter(rows, pageWidth);
  if (gutter === null) return rows;
  const out: Line[] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  const flush = () => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const r of rows) {
    if (r.frags.some((f) => f.x0 < gutter - 1 && f.x1 > gutter + 1)) {
      flush();
      out.push(r);
      continue;
    }
    const l = r.frags.filter((f) => (f.x0 + f.x1) / 2 < gutter);
    const rt = r.frags.filter((f) => (f.x0 + f.x1) / 2 >= gutter);
    if (l.length) left.push(makeLine(r.page, l));
    if (rt.length) right.push(makeLine(r.page, rt));
  }
  flush();
  return out;
}
