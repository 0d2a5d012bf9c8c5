/**
 * OCR settings the run needs without loading the OCR engine: the cache key of OCR'd output and the
 * threads per document. Kept apart from index.ts so that a run with nothing to OCR never loads
 * pdf.js, the canvas or tesseract.js.
 */

import { availableParallelism } from "node:os";
import { packageVersion } from "../../files.ts";
import { MODEL_VARIANT } from "./traineddata.ts";

/**
 * Resolution chosen by measurement (README, OCR): on the corpus scans 200 dpi reads every line,
 * 150 dpi drops a bold heading of the MEL signature page, 300 dpi costs ~30 % more time for no gain.
 */
export const DEFAULT_DPI = 200;

/** Everything that changes the OCR output of a page, for the cache key. */
export function ocrSettingsKey(opts: { languages: string[]; dpi?: number }): string {
  return JSON.stringify({
    languages: opts.languages,
    dpi: opts.dpi ?? DEFAULT_DPI,
    model: MODEL_VARIANT,
    tesseract: packageVersion("tesseract.js"),
    pdfjs: packageVersion("pdfjs-dist"),
  });
}

/** OCR threads for one document when `threads` documents are extracted at once. */
export function ocrWorkersPerDocument(threads: number): number {
  return Math.max(1, Math.floor(availableParallelism() / Math.max(1, threads)));
}
