/**
 * Positioned text → visual lines. A "row" gathers every run sharing a baseline across the whole page
 * width; columns and tables split rows later. Raised small runs next to a word are superscripts:
 * digits and asterisks are footnote calls (dropped from the text), letters are ordinals ("1er").
 */
import type { PageText } from "../types.ts";

export interface Frag {
  text: string;
  x0: number;
  x1: number;
  top: number;
  baseline: number;
  size: number;
  font: string;
  /** A raised small run (superscript). */
  sup?: boolean;
}

export interface Line {
  page: number;
  frags: Frag[];
  text: string;
  x0: number;
  x1: number;
  top: number;
  baseline: number;
  /** Dominant font size, weighted by characters. */
  size: number;
  /** Dominant font id, weighted by characters (ids are only comparable within a page). */
  font: string;
}

const byCharsMode = <K>(frags: Frag[], key: (f: Frag) => K): K => {
  const weights = new Map<K, number>();
  for (const f of frags) weights.set(key(f), (weights.get(key(f)) ?? 0) + f.text.trim().length);
  let best = key(frags[0] as Frag);
  let bestWeight = -1;
  for (const [k, w] of weights) {
    if (w > bestWeight) {
      best = k;
      bestWeight = w;
    }
  }
  return best;
};

const FOOTNOTE_CALL = /^[\d*†‡]+$/;

/**
 * White space to rewrite as one space: runs and odd spaces only, the same result as rewriting every
 * `\s+` without rebuilding every line for its single spaces.
 */
const SPACING = /\s{2,}|[^\S ]/g;

/** Text of runs laid left to right: a space where the gap is wider than a thin space. */
function joinFrags(frags: Frag[]): string {
  let out = "";
  let prev: Frag | null = null;
  for (const f of frags) {
    if (f.sup && FOOTNOTE_CALL.test(f.text.trim())) {
      // The call is dropped; what follows it ("SRADDET¹.") is as close to the word as the call was.
      if (prev !== null) prev = { ...(prev as Frag), x1: f.x1 };
      continue;
    }
    if (prev) {
      const gap = f.x0 - prev.x1;
      // Only the end of the text so far matters (a line may be cut into many runs).
      const glued = f.sup || /\s$/.test(out.slice(-1)) || /^\s/.test(f.text);
      if (!glued && gap > 0.12 * Math.min(f.size, prev.size)) out += " ";
    }
    out += f.text;
    prev = f;
  }
  return out.replace(SPACING, " ").trim();
}

export function makeLine(page: number, frags: Frag[]): Line {
  const sorted = [...frags].sort((a, b) => a.x0 - b.x0);
  const main = sorted.filter((f) => !f.sup);
  const ref = main.length > 0 ? main : sorted;
  return {
    page,
    frags: sorted,
    text: joinFrags(sorted),
    x0: Math.min(...sorted.map((f) => f.x0)),
    x1: Math.max(...sorted.map((f) => f.x1)),
    top: Math.min(...ref.map((f) => f.top)),
    baseline: Math.max(...ref.map((f) => f.baseline)),
    size: byCharsMode(ref, (f) => Math.round(f.size * 2) / 2),
    font: byCharsMode(ref, (f) => f.font),
  };
}

/** Full-width rows of one page, top to bottom. */
export function pageRows(page: PageText): Line[] {
  const frags: Frag[] = page.items
    .filter((it) => it.str.trim() !== "")
    .map((it) => ({
      text: it.str,
      x0: it.x,
      x1: it.x + Math.max(it.width, 0),
      top: it.y,
      baseline: it.y + it.height,
      size: it.height,
      font: it.fontName ?? "",
    }))
    .sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);

  const rows: Frag[][] = [];
  for (const f of frags) {
    const row = rowOf(rows, f);
    if (row) row.push(f);
    else rows.push([f]);
  }
  rows.sort((a, b) => rowBaseline(a) - rowBaseline(b));
  attachSuperscripts(rows);
  return rows.filter((r) => r.length > 0).map((r) => makeLine(page.page, r));
}

const rowBaseline = (r: Frag[]): number => {
  const main = r.filter((f) => !f.sup);
  return Math.max(...(main.length ? main : r).map((f) => f.baseline));
};
const rowSize = (r: Frag[]): number => Math.max(...r.map((f) => f.size));

/**
 * The first row (in the order they were made) whose baseline `f` shares. Rows are made in baseline
 * order and a row's first run is at most 0.3·max(size, 4) above the runs that join it, so only the
 * last rows are looked at (with 1 pt to spare for rounding) instead of every row of the page.
 */
function rowOf(rows: Frag[][], f: Frag): Frag[] | undefined {
  const reach = f.baseline - 0.3 * Math.max(f.size, 4) - 1;
  let found: Frag[] | undefined;
  for (let k = rows.length - 1; k >= 0; k--) {
    const row = rows[k] as Frag[];
    if ((row[0] as Frag).baseline < reach) break;
    if (sameBaseline(row, f)) found = row;
  }
  return found;
}

function sameBaseline(row: Frag[], f: Frag): boolean {
  const ref = row[0] as Frag;
  const tolerance = 0.3 * Math.max(Math.min(ref.size, f.size), 4);
  return (
    Math.abs(ref.baseline - f.baseline) <= tolerance && Math.abs(ref.size - f.size) <= 0.5 * Math.max(ref.size, f.size)
  );
}

/**
 * A row of short, smaller runs whose baseline sits within the upper part of a neighbouring row, right
 * against one of its words, is made of superscripts of that row.
 */
function attachSuperscripts(rows: Frag[][]): void {
  for (const [i, r] of rows.entries()) {
    if (r.length === 0 || !r.every((f) => f.text.trim().length <= 4)) continue;
    const candidates = [rows[i + 1], rows[i + 2], rows[i - 1]].filter((x): x is Frag[] => !!x && x.length > 0);
    const host = candidates.find((h) => {
      const size = rowSize(h);
      const lift = rowBaseline(h) - rowBaseline(r);
      return (
        rowSize(r) <= 0.8 * size &&
        lift > 0.15 * size &&
        lift < 0.75 * size &&
        r.every((s) => h.some((w) => s.x0 >= w.x0 - 1 && s.x0 <= w.x1 + 0.3 * size))
      );
    });
    if (!host) continue;
    for (const s of r) host.push({ ...s, sup: true });
    r.length = 0;
  }
}
