/**
 * PDF bytes → PageText[]. PDFium (WebAssembly) reads the text layer, several times faster than
 * pdf.js; pdf.js gets a file PDFium cannot open, since each engine repairs some damage the other
 * refuses. Both cut text into runs alike (pdfium/page.ts), so the rules see the same fragments.
 */
import type { PageText, RejectionCode } from "../types.ts";
import { readWithPdfium } from "./pdfium/index.ts";
import { readWithPdfJs } from "./pdfjs-reader.ts";

export interface PdfText {
  pages: PageText[];
  /** Document information dictionary title, when set (a fallback for the printed title). */
  infoTitle: string | null;
}

export type PdfReadResult =
  | { ok: true; pdf: PdfText }
  | { ok: false; code: RejectionCode; message: string; page?: number };

/** A PDF starts with `%PDF-`, possibly after a little white space (some servers prepend a newline). */
function looksLikePdf(bytes: Uint8Array): boolean {
  let i = 0;
  while (
    i < bytes.length &&
    i < 1024 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  return magic.every((b, k) => bytes[i + k] === b);
}

/** An interrupted download loses the trailer: a complete file ends with `%%EOF` (maybe plus a little junk). */
function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 4096))).toString("latin1");
  return tail.includes("%%EOF");
}

/**
 * Reads the text layer of every page. Never throws for a bad document: the rejection code says why
 * (not-a-pdf, invalid-pdf, encrypted, too-many-pages).
 */
export async function readPdf(bytes: Uint8Array, maxPages: number): Promise<PdfReadResult> {
  if (!looksLikePdf(bytes)) {
    const what = bytes.length === 0 ? "the file is empty" : "the bytes do not start with %PDF-";
    return { ok: false, code: "not-a-pdf", message: `not a PDF: ${what}` };
  }
  if (!hasEofMarker(bytes)) {
    return { ok: false, code: "invalid-pdf", message: "truncated PDF: no %%EOF marker at the end of the file" };
  }
  const read = await readWithPdfium(bytes, maxPages);
  if (read.ok && read.pdf.pages.some((p) => p.items.length > 0)) return read;
  // PDFium trusts the page count a page tree announces; pdf.js counts the pages it finds.
  if (!read.ok && read.code !== "invalid-pdf" && read.code !== "too-many-pages") return read;
  // No text at all, or refused: pdf.js has its say before the document is sent to OCR or rejected.
  const second = await readWithPdfJs(bytes, maxPages);
  return second.ok || !read.ok ? second : read;
}
