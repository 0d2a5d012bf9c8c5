/**
 * extract stage: PDF bytes → ExtractionResult (an agreement with its commitments, or a rejection).
 * Pure function of the bytes: the only I/O is pdfjs reading its own package files, so it can run in
 * worker threads. OCR'd pages go through `extractFromPages`, which holds every rule.
 */
import type { ExtractionResult, ExtractOptions } from "../types.ts";
import { extractFromPages, reject } from "./extract.ts";
import { applyOcr } from "./ocr/apply.ts";
import { readPdf } from "./pdf.ts";

export type { PagesOptions } from "./extract.ts";
export { extractFromPages } from "./extract.ts";

export { EXTRACTOR_VERSION } from "./version.ts";

export async function extractAgreement(bytes: Uint8Array, opts: ExtractOptions): Promise<ExtractionResult> {
  try {
    const read = await readPdf(bytes, opts.maxPages);
    if (!read.ok) return reject(read.code, read.message, opts, read.page);
    const ocr = await applyOcr(bytes, read.pdf.pages, opts);
    const result = extractFromPages(ocr.pages, { ...opts, infoTitle: read.pdf.infoTitle });
    result.warnings.unshift(...ocr.warnings);
    return result.ok && ocr.ocrPages.length ? { ...result, ocrPages: ocr.ocrPages } : result;
  } catch (err) {
    // A bug or an unexpected pdfjs failure must not take the pipeline down: report it on the document.
    return reject("invalid-pdf", `extraction failed: ${(err as Error)?.message ?? String(err)}`, opts);
  }
}
