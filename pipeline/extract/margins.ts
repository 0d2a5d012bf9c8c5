/**
 * Drops what is not part of the running text: running headers and footers (lines repeated in the top
 * or bottom band of most pages), page numbers ("Page 3/6", "3 / 6", "- 3 -", a lone number) and
 * footnotes (smaller lines at the bottom of a page, starting with a call seen in the page).
 */
import type { Frag, Line } from "./layout.ts";
import { fold } from "./text.ts";

export interface PageGeometry {
  page: number;
  height: number;
}

const BAND = 0.085;
const PAGE_NUMBER = /\b(?:page|p\.)\s*#(?:\s*(?:\/|sur|de|of)\s*#)?|^#\s*(?:\/|sur)\s*#$|^[-–—]\s*#\s*[-–—]$|^#$/g;

/** Comparable form of a margin line: digits folded so that "Page 2/6" and "Page 3/6" agree. */
export function marginKey(text: string): string {
  return fold(text)
    .replace(/\d+/g, "#")
    .replace(PAGE_NUMBER, "")
    .replace(/[\s\-–—|/]+$/g, "")
    .replace(/^[\s\-–—|/]+/g, "")
    .trim();
}

type Band = "top" | "bottom";
const bandOf = (line: Line, height: number): Band | null => {
  if (line.baseline <= height * BAND) return "top";
  if (line.top >= height * (1 - BAND)) return "bottom";
  return null;
};

/**
 * Removes running headers/footers and page numbers. `keep` protects lines that must stay even when
 * repeated at the top of pages (the header row of a table that runs over several pages).
 */
export function removeRunningLines(pages: Line[][], geometry: PageGeometry[], keep: (l: Line) => boolean): Line[][] {
  const counts = new Map<string, Set<number>>();
  const keyed = pages.map((lines, i) =>
    lines.map((line) => {
      const height = geometry[i]?.height ?? 842;
      const band = bandOf(line, height);
      const key = band ? `${band}|${marginKey(line.text)}` : null;
      if (key) {
        const set = counts.get(key) ?? new Set<number>();
        set.add(line.page);
        counts.set(key, set);
      }
      return { line, key };
    }),
  );
  const n = pages.length;
  const minRepeat = Math.max(2, Math.ceil(0.4 * n));
  return keyed.map((lines) =>
    lines
      .filter(({ line, key }) => {
        if (!key || keep(line)) return true;
        const bare = key.slice(key.indexOf("|") + 1);
        if (bare === "" || /^[#\s.]*$/.test(bare)) return false;
        return (counts.get(key)?.size ?? 0) < minRepeat || n < 2;
      })
      .map(({ line }) => line),
  );
}

/**
 * Removes footnotes: from the first line, in the lower part of the page, that is smaller than the body
 * text and starts with a footnote call (one seen as a superscript in the page, or any number when a
 * wide gap separates it from the text above), down to the bottom of the page.
 */
export function removeFootnotes(lines: Line[], height: number, bodySize: number): Line[] {
  const calls = new Set(lines.flatMap((l) => l.frags.filter((f) => f.sup).map((f) => f.text.trim())));
  for (const [i, line] of lines.entries()) {
    if (line.top < height * 0.55 || line.size > bodySize * 0.88) continue;
    const m = /^(\d{1,2}|\*{1,3}|[†‡])[\s.)]/.exec(line.text);
    // A footnote is prose: a numbered table row at the bottom of a page has wide gaps between its cells.
    const cellGap = line.frags.some((f, k) => k > 0 && f.x0 - (line.frags[k - 1] as Frag).x1 > 2 * f.size);
    if (!m || cellGap) continue;
    const below = lines.slice(i);
    if (!below.every((l) => l.size <= bodySize * 0.88)) continue;
    const prev = lines[i - 1];
    const gap = prev ? line.top - prev.baseline : Number.POSITIVE_INFINITY;
    if (calls.has(m[1] as string) || gap > 1.5 * bodySize) return lines.slice(0, i);
  }
  return lines;
}
