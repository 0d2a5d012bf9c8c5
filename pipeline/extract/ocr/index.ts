/**
 * OCR of the pages whose text layer is unusable: decide per page (pageNeedsOcr + readPageInk), then
 * ocrPages renders those pages, recognises them in a pool of tesseract.js workers and returns them as
 * PageText (source "ocr"), through a cache keyed by the document's sha256.
 */
import os from "node:os";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Diagnostic, OcrProgress, OcrSettings, PageText } from "../../types.ts";
import { openWithPdfJs } from "../pdfjs.ts";
import { boldWords } from "./bold.ts";
import { readOcrCache, writeOcrCache } from "./cache.ts";
import { decideFromText, type OcrDecision, pageNeedsOcr } from "./decide.ts";
import { readPageInk } from "./ink.ts";
import { createRecognizer, OcrTimeoutError, type Recognizer } from "./recognize.ts";
import { renderPage } from "./render.ts";
import { DEFAULT_DPI, ocrSettingsKey } from "./settings.ts";
import { toPageText } from "./to-page-text.ts";

export { type OcrDecision, type OcrReason, type PageInk, pageNeedsOcr } from "./decide.ts";
export { readPageInk } from "./ink.ts";
export { DEFAULT_DPI, ocrSettingsKey, ocrWorkersPerDocument } from "./settings.ts";
export { fitOcrSizes } from "./sizes.ts";

export interface OcrOptions extends Omit<OcrSettings, "dpi" | "workers"> {
  dpi?: number;
  /** Worker threads; 0 or absent: the machine's cores, which also bound it. */
  workers?: number;
  /** Folder of the OCR cache (e.g. `.cache/ocr`), or null for none. */
  cacheDir: string | null;
  onProgress?: (e: OcrProgress) => void;
  /** Document name for diagnostics. */
  document?: string;
}

export interface OcrResult {
  /** The OCR'd pages, by page number; a page that failed or ran out of time is missing (see warnings). */
  pages: PageText[];
  /** True when every page came from the cache (no OCR ran). */
  cached: boolean;
  warnings: Diagnostic[];
}

const openPdf = (bytes: Uint8Array): Promise<PDFDocumentProxy> => openWithPdfJs(bytes).promise;

/**
 * Per page of the text layer (as the extract stage read it), whether OCR must replace it. Only for
 * the pages whose text leaves it open is the PDF opened once more, for what they paint (their
 * operator lists): a born-digital document is decided without it.
 */
export async function decidePages(pdfBytes: Uint8Array, pages: readonly PageText[]): Promise<Map<number, OcrDecision>> {
  const out = new Map<number, OcrDecision>();
  const open: PageText[] = [];
  for (const text of pages) {
    const settled = decideFromText(text);
    if (settled) out.set(text.page, settled);
    else open.push(text);
  }
  if (open.length === 0) return out;
  const doc = await openPdf(pdfBytes);
  try {
    for (const text of open) {
      const page = await doc.getPage(text.page);
      try {
        out.set(text.page, pageNeedsOcr(text, await readPageInk(page)));
      } finally {
        page.cleanup();
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * OCR of `pageNumbers` (1-based) of a PDF. Never throws for a page: failures and timeouts become
 * warnings and the page is left out. Throws a PipelineError when a language is not installed.
 */
export async function ocrPages(
  pdfBytes: Uint8Array,
  pageNumbers: number[],
  sha256: string,
  opts: OcrOptions,
): Promise<OcrResult> {
  const wanted = [...new Set(pageNumbers)].sort((a, b) => a - b);
  if (!opts.enabled || wanted.length === 0) return { pages: [], cached: false, warnings: [] };
  const settings = ocrSettingsKey(opts);
  const known = opts.cacheDir ? await readOcrCache(opts.cacheDir, sha256, settings) : new Map<number, PageText>();
  const todo = wanted.filter((p) => !known.has(p));
  const hits = wanted.flatMap((p) => known.get(p) ?? []);
  if (todo.length === 0) return { pages: hits, cached: true, warnings: [] };

  const warnings: Diagnostic[] = [];
  const warn = (code: string, message: string, page?: number): void => {
    warnings.push({ stage: "extract", code, message, document: opts.document, page });
  };
  const done = await ocrDocument(pdfBytes, todo, opts, warn);
  if (opts.cacheDir && done.length > 0) {
    // Keep what was already cached for other pages of the same document.
    const merged = new Map(known);
    for (const p of done) merged.set(p.page, p);
    await writeOcrCache(opts.cacheDir, sha256, settings, merged.values());
  }
  const pages = [...hits, ...done].sort((a, b) => a.page - b.page);
  return { pages, cached: false, warnings };
}

async function ocrDocument(
  pdfBytes: Uint8Array,
  pageNumbers: number[],
  opts: OcrOptions,
  warn: (code: string, message: string, page?: number) => void,
): Promise<PageText[]> {
  const dpi = opts.dpi ?? DEFAULT_DPI;
  const workers = Math.max(1, Math.min(opts.workers || os.availableParallelism(), pageNumbers.length));
  // Threads start with the first page; a language that is not installed fails here, before any work.
  const recognizer: Recognizer = createRecognizer({ languages: opts.languages, workers, dpi });
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(pdfBytes);
  } catch (err) {
    await recognizer.close();
    warn("ocr-failed", `the PDF cannot be opened for OCR: ${(err as Error)?.message ?? err}`);
    return [];
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.documentTimeoutMs);
  const started = Date.now();
  const queue = pageNumbers.filter((p) => {
    const ok = Number.isInteger(p) && p >= 1 && p <= doc.numPages;
    if (!ok) warn("ocr-failed", `no page ${p} in a document of ${doc.numPages} pages`, p);
    return ok;
  });
  const total = queue.length;
  const out: PageText[] = [];
  let finished = 0;

  const ocrOne = async (page: number): Promise<void> => {
    try {
      const image = await renderPage(doc, page, dpi);
      const remaining = opts.documentTimeoutMs - (Date.now() - started);
      const lines = await recognizer.recognize(image.pgm, {
        timeoutMs: Math.min(opts.pageTimeoutMs, remaining),
        signal: deadline.signal,
      });
      const geometry = { page, width: image.width, height: image.height, scale: image.scale };
      out.push(toPageText(lines, geometry, boldWords(image.grey, lines)));
    } catch (err) {
      if (err instanceof OcrTimeoutError) warn("ocr-timeout", `page not OCR'd: ${err.message}`, page);
      else warn("ocr-failed", `page not OCR'd: ${(err as Error)?.message ?? err}`, page);
    }
    finished++;
    opts.onProgress?.({ page, done: finished, total });
  };

  // One lane per worker: a lane renders its next page while the other lanes' workers recognise.
  const lane = async (): Promise<void> => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      if (deadline.signal.aborted) {
        warn("ocr-timeout", `page not OCR'd: the document's OCR time (${opts.documentTimeoutMs} ms) is up`, page);
        continue;
      }
      await ocrOne(page);
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    clearTimeout(timer);
    await recognizer.close();
    await doc.destroy();
  }
  return out.sort((a, b) => a.page - b.page);
}
