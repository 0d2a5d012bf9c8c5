/**
 * Builds PageText by hand for tests: positioned runs, or paragraphs laid out on A4 pages with a running
 * header and a "Page n/N" footer. Glyphs are taken as half as wide as the font size.
 */
import type { PageText, PositionedText } from "../../pipeline/types.ts";

export const A4 = { width: 595, height: 842 };

export interface Run {
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  size?: number;
  font?: string;
}

export const widthOf = (text: string, size: number): number => 0.5 * size * text.length;

export function item(r: Run): PositionedText {
  const size = r.size ?? 11;
  return { str: r.text, x: r.x, y: r.y - size, width: widthOf(r.text, size), height: size, fontName: r.font ?? "body" };
}

export function page(n: number, runs: Run[], size = A4): PageText {
  return { page: n, width: size.width, height: size.height, items: runs.map(item), source: "text-layer" };
}

export interface Para {
  /** Text to wrap, or `lines` to set line by line (to control hyphenation). */
  text?: string;
  lines?: string[];
  size?: number;
  font?: string;
  /** Left edge of the paragraph. */
  x?: number;
  /** A bullet glyph set at `x`, the text 14 pt to its right (wrapped lines too). */
  bullet?: string;
  /** Extra space before the paragraph. */
  gap?: number;
  /** Force a page break before the paragraph. */
  newPage?: boolean;
}

export interface LayoutOptions {
  header?: string;
  footer?: (page: number, pages: number) => string;
  width?: number;
  margin?: number;
}

/** Greedy line breaking at `maxWidth`. */
export function wrap(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && widthOf(next, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Paragraphs laid out top to bottom on as many pages as needed. */
export function layout(paras: Para[], opts: LayoutOptions = {}): PageText[] {
  const margin = opts.margin ?? 70;
  const width = opts.width ?? A4.width - 2 * margin;
  const pages: Run[][] = [[]];
  let y = 90;
  for (const p of paras) {
    const size = p.size ?? 11;
    const x = p.x ?? margin;
    const textX = p.bullet ? x + 14 : x;
    const lines = p.lines ?? wrap(p.text ?? "", size, width - (textX - margin));
    y += p.gap ?? size * 0.6;
    if (p.newPage || y + size * 1.35 * Math.min(lines.length, 2) > A4.height - 90) {
      pages.push([]);
      y = 90;
    }
    lines.forEach((text, i) => {
      if (y > A4.height - 90) {
        pages.push([]);
        y = 90;
      }
      const target = pages[pages.length - 1] as Run[];
      if (i === 0 && p.bullet) target.push({ text: p.bullet, x, y, size, font: p.font });
      target.push({ text, x: textX, y, size, font: p.font });
      y += size * 1.35;
    });
  }
  return pages.map((runs, i) => {
    const extra: Run[] = [];
    if (opts.header) extra.push({ text: opts.header, x: margin, y: 40, size: 8, font: "small" });
    if (opts.footer)
      extra.push({ text: opts.footer(i + 1, pages.length), x: A4.width - margin - 40, y: 810, size: 8, font: "small" });
    return page(i + 1, [...extra, ...runs]);
  });
}
