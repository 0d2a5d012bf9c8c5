/**
 * Reading order of a page set in two columns. A gutter is a vertical white strip near the middle of
 * the page that no line crosses while text lines end just left of it and start just right of it on
 * several lines. Lines crossing it (a title over both columns) cut the page into bands; in each band
 * the left column is read before the right one.
 */
import { type Line, makeLine } from "./layout.ts";

const MIN_SIDE_LINES = 4;

/** How one row stands against a candidate gutter at x: crossing it, or the extents of its runs on each side. */
type RowAtX = "crossing" | { leftWidth: number; rightWidth: number };

/**
 * One pass over the runs of a row (a side without runs has width -Infinity): this runs for every row at
 * every candidate x, where filtering and spreading the runs cost more than the rest of the page.
 */
function rowAtX(r: Line, x: number): RowAtX {
  let l0 = Number.POSITIVE_INFINITY;
  let l1 = Number.NEGATIVE_INFINITY;
  let r0 = Number.POSITIVE_INFINITY;
  let r1 = Number.NEGATIVE_INFINITY;
  for (const f of r.frags) {
    if (f.x0 < x - 1 && f.x1 > x + 1) return "crossing";
    if (f.x1 <= x) {
      l0 = Math.min(l0, f.x0);
      l1 = Math.max(l1, f.x1);
    }
    if (f.x0 >= x) {
      r0 = Math.min(r0, f.x0);
      r1 = Math.max(r1, f.x1);
    }
  }
  return { leftWidth: l1 - l0, rightWidth: r1 - r0 };
}

/** The x of the gutter of a two-column page, or null for a single column. */
export function findGutter(rows: Line[], pageWidth: number): number | null {
  const body = rows.filter((r) => r.text.length > 1);
  if (body.length < 2 * MIN_SIDE_LINES) return null;
  // More crossing lines than this rule x out whatever the other lines do (separated lines are at most
  // the lines that do not cross), so counting can stop there.
  const tooManyCrossing = 0.3 * body.length;
  let best: { from: number; to: number; crossing: number } | null = null;
  for (let x = pageWidth * 0.3; x <= pageWidth * 0.7; x += 2) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const r of body) {
      const at = rowAtX(r, x);
      if (at === "crossing") {
        crossing++;
        if (crossing > tooManyCrossing) break;
        continue;
      }
      // A column line is wide: narrow bits beside the gutter are labels, numbers, signatures.
      if (at.leftWidth > pageWidth * 0.2) left++;
      if (at.rightWidth > pageWidth * 0.2) right++;
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
