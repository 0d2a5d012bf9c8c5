/**
 * PageText[] → the document as lines in reading order, with tables set apart: rows, running
 * headers/footers and footnotes removed, commitment tables found, two-column pages reordered.
 */
import type { PageText } from "../types.ts";
import { readingOrder } from "./columns.ts";
import { lazyVocabulary, type Vocabulary } from "./hyphenation.ts";
import { type Line, pageRows } from "./layout.ts";
import { removeFootnotes, removeRunningLines } from "./margins.ts";
import { findTables, isTableHeader, type Table } from "./tables.ts";

export type Element = { kind: "line"; line: Line } | { kind: "table"; table: Table };

export interface DocumentText {
  elements: Element[];
  /** Size of the running text (most characters). */
  bodySize: number;
  /** Dominant font id of each page (font ids are only comparable within a page). */
  pageFont: Map<number, string>;
  vocab: Vocabulary;
  pageCount: number;
}

const mode = (values: [number | string, number][]): number | string | undefined => {
  const w = new Map<number | string, number>();
  for (const [v, n] of values) w.set(v, (w.get(v) ?? 0) + n);
  return [...w.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
};

export function buildDocument(pages: PageText[]): DocumentText {
  const rows = pages.map((p) => pageRows(p));
  const all = rows.flat();
  const bodySize = Number(mode(all.map((l) => [l.size, l.text.length])) ?? 11);
  const geometry = pages.map((p) => ({ page: p.page, height: p.height }));
  const kept = removeRunningLines(rows, geometry, isTableHeader).map((lines, i) =>
    removeFootnotes(lines, pages[i]?.height ?? 842, bodySize),
  );
  const tables = findTables(
    kept,
    pages.map((p) => p.height),
  );
  const inTable = new Set(tables.flatMap((t) => [...t.rows]));
  const elements: Element[] = [];
  const pageFont = new Map<number, string>();
  kept.forEach((lines, i) => {
    const page = pages[i] as PageText;
    pageFont.set(page.page, String(mode(lines.map((l) => [l.font, l.text.length])) ?? ""));
    const flow = readingOrder(
      lines.filter((l) => !inTable.has(l)),
      page.width,
    );
    const starts = tables.filter((t) => t.start.page === page.page);
    for (const line of flow) {
      for (const t of starts.filter((t) => t.start.baseline <= line.baseline)) {
        elements.push({ kind: "table", table: t });
        starts.splice(starts.indexOf(t), 1);
      }
      elements.push({ kind: "line", line });
    }
    for (const t of starts) elements.push({ kind: "table", table: t });
  });
  const texts = () =>
    elements.flatMap((e) =>
      e.kind === "line"
        ? [e.line.text]
        : e.table.entries.flatMap((x) => (x.kind === "group" ? x.lines : Object.values(x.cells).flat())),
    );
  return { elements, bodySize, pageFont, vocab: lazyVocabulary(texts), pageCount: pages.length };
}
