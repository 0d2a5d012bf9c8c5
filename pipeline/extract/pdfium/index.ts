/**
 * PDF bytes → PageText[] through PDFium (WebAssembly): the fast reader of text layers. Never throws
 * for a bad document: the rejection code says why.
 */
import type { PageText } from "../../types.ts";
import type { PdfReadResult } from "../pdf.ts";
import { type PageReader, pageText } from "./page.ts";
import { discardPdfium, Heap, loadPdfium, type Pdfium, type PdfiumApi } from "./wasm.ts";

// FPDF_GetLastError codes (fpdfview.h).
const LOAD_ERRORS: Record<number, string> = {
  1: "unknown error",
  2: "file not found or unreadable",
  3: "not a PDF or corrupted",
  4: "password required",
  5: "unsupported security scheme",
  6: "page not found or content error",
};
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;

export async function readWithPdfium(bytes: Uint8Array, maxPages: number): Promise<PdfReadResult> {
  const pdfium = await loadPdfium();
  try {
    return readDocument(pdfium, bytes, maxPages);
  } catch (error) {
    // A trap inside PDFium leaves the instance in an unknown state: the next document gets a new one.
    discardPdfium();
    return { ok: false, code: "invalid-pdf", message: `invalid PDF: PDFium failed: ${(error as Error)?.message}` };
  }
}

function readDocument({ api, scratch }: Pdfium, bytes: Uint8Array, maxPages: number): PdfReadResult {
  const heap = new Heap(api);
  // PDFium reads the document lazily from this buffer: it must outlive the document.
  const data = api.malloc(bytes.length);
  if (!data)
    return { ok: false, code: "invalid-pdf", message: `invalid PDF: ${bytes.length} bytes do not fit in memory` };
  heap.refresh();
  heap.u8.set(bytes, data);
  const doc = api.FPDF_LoadMemDocument(data, bytes.length, 0);
  try {
    if (!doc) {
      const error = api.FPDF_GetLastError();
      const why = LOAD_ERRORS[error] ?? `error ${error}`;
      if (error === ERR_PASSWORD || error === ERR_SECURITY) {
        return { ok: false, code: "encrypted", message: `encrypted PDF: ${why}` };
      }
      return { ok: false, code: "invalid-pdf", message: `invalid PDF: ${why}` };
    }
    const count = api.FPDF_GetPageCount(doc);
    if (count > maxPages) {
      return { ok: false, code: "too-many-pages", message: `${count} pages, more than the limit of ${maxPages}` };
    }
    const reader: PageReader = { api, heap, scratch, fontName: fontNames(api, heap) };
    const pages: PageText[] = [];
    for (let p = 1; p <= count; p++) {
      const page = api.FPDF_LoadPage(doc, p - 1);
      if (!page) {
        const why = LOAD_ERRORS[api.FPDF_GetLastError()] ?? "no page object";
        return { ok: false, code: "invalid-pdf", message: `page ${p} cannot be read: ${why}`, page: p };
      }
      try {
        pages.push(pageText(reader, page, p));
      } finally {
        api.FPDF_ClosePage(page);
      }
    }
    return { ok: true, pdf: { pages, infoTitle: metaText(api, heap, doc, "Title") } };
  } finally {
    if (doc) api.FPDF_CloseDocument(doc);
    api.free(data);
  }
}

/** Base font names by font handle, read once per document. */
function fontNames(api: PdfiumApi, heap: Heap): (font: number) => string {
  const names = new Map<number, string>();
  return (font) => {
    let name = names.get(font);
    if (name === undefined) {
      const size = api.FPDFFont_GetBaseFontName(font, 0, 0);
      const buffer = api.malloc(Math.max(size, 1));
      try {
        api.FPDFFont_GetBaseFontName(font, buffer, size);
        heap.refresh();
        name = Buffer.from(heap.u8.subarray(buffer, buffer + Math.max(size - 1, 0))).toString("utf8");
      } finally {
        api.free(buffer);
      }
      names.set(font, name);
    }
    return name;
  };
}

/** A text string of the document information dictionary, trimmed; null when unset or blank. */
function metaText(api: PdfiumApi, heap: Heap, doc: number, key: string): string | null {
  const tag = api.malloc(key.length + 1);
  try {
    heap.refresh();
    heap.u8.set(Buffer.from(`${key}\0`, "latin1"), tag);
    const size = api.FPDF_GetMetaText(doc, tag, 0, 0); // bytes of UTF-16LE, terminator included
    if (size <= 2) return null;
    const out = api.malloc(size);
    try {
      api.FPDF_GetMetaText(doc, tag, out, size);
      heap.refresh();
      return (
        Buffer.from(heap.u8.subarray(out, out + size - 2))
          .toString("utf16le")
          .trim() || null
      );
    } finally {
      api.free(out);
    }
  } finally {
    api.free(tag);
  }
}
