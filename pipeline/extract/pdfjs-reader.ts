/**
 * PDF bytes → PageText[] through pdfjs-dist (legacy build, fake worker in Node): the second reader,
 * for the files PDFium cannot open. The only I/O is pdfjs reading its own package files (CMaps,
 * standard fonts).
 */
import { type PDFPageProxy, Util } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PageText, PositionedText } from "../types.ts";
import type { PdfReadResult } from "./pdf.ts";
import { openWithPdfJs } from "./pdfjs.ts";
import { dominantTurn } from "./turn.ts";

/** Reads the text layer of every page. Never throws for a bad document: the rejection code says why. */
export async function readWithPdfJs(bytes: Uint8Array, maxPages: number): Promise<PdfReadResult> {
  const task = openWithPdfJs(bytes);
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (err) {
      const name = (err as { name?: string })?.name ?? "";
      const message = (err as Error)?.message ?? String(err);
      if (name === "PasswordException") return { ok: false, code: "encrypted", message: `encrypted PDF: ${message}` };
      return { ok: false, code: "invalid-pdf", message: `invalid PDF: ${message}` };
    }
    if (doc.numPages > maxPages) {
      return {
        ok: false,
        code: "too-many-pages",
        message: `${doc.numPages} pages, more than the limit of ${maxPages}`,
      };
    }
    const pages: PageText[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      try {
        const page = await doc.getPage(p);
        pages.push(await pageText(page, p));
        page.cleanup();
      } catch (err) {
        return {
          ok: false,
          code: "invalid-pdf",
          message: `page ${p} cannot be read: ${(err as Error)?.message}`,
          page: p,
        };
      }
    }
    const meta = await doc.getMetadata().catch(() => null);
    const info = meta?.info as { Title?: unknown } | undefined;
    const infoTitle = typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : null;
    return { ok: true, pdf: { pages, infoTitle } };
  } finally {
    await task.destroy();
  }
}

type TextItem = { str: string; transform: number[]; width: number; fontName: string };

/**
 * One page in viewport space (top-left origin, points). When most text runs sideways (a landscape
 * table drawn on a portrait page), the page is turned so that this text reads horizontally.
 */
async function pageText(page: PDFPageProxy, pageNumber: number): Promise<PageText> {
  const content = await page.getTextContent();
  const items = content.items.filter((it): it is TextItem & typeof it => "str" in it && it.str.trim() !== "");
  const turn = dominantTurn(
    items.map((it) => ({ dx: it.transform[0] ?? 1, dy: it.transform[1] ?? 0, length: it.str.length })),
  );
  // The rotation is absolute: the one under which the text reads left to right, whatever /Rotate says.
  const viewport = page.getViewport({ scale: 1, rotation: turn });
  const out: PositionedText[] = [];
  for (const it of items) {
    const m = Util.transform(viewport.transform, it.transform);
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
    if (Math.abs(b) > Math.abs(a) * 0.2 || a < 0) continue; // still not horizontal: margin stamps, vertical labels
    const size = Math.hypot(c, d);
    if (!(size > 0)) continue;
    const width = it.width > 0 ? it.width : size * 0.5 * it.str.length;
    out.push({ str: it.str, x: e, y: f - size, width, height: size, fontName: it.fontName });
  }
  return { page: pageNumber, width: viewport.width, height: viewport.height, items: out, source: "text-layer" };
}
