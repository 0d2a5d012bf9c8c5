import type { ExtractionResult, ExtractOptions } from "../types.ts";
import { createWorkerPool } from "./worker-pool.ts";

export interface ExtractJob {
  path: string;
  options: ExtractOptions;
}

/** PDF extraction in worker threads (see extract-worker.ts): parallel, and isolated from the run. */
export function createExtractionPool(options: { size?: number; memoryMb: number; timeoutMs: number }) {
  return createWorkerPool<ExtractJob, ExtractionResult>({
    ...options,
    entry: new URL("./extract-worker.ts", import.meta.url),
    // PDFium reads the text layers; pdf.js reads the files PDFium cannot open and renders pages for
    // OCR, and looks for its worker code under the global `pdfjsWorker` before importing it.
    preload: [
      { specifier: "@embedpdf/pdfium" },
      { specifier: "pdfjs-dist/legacy/build/pdf.mjs" },
      { specifier: "pdfjs-dist/legacy/build/pdf.worker.mjs", global: "pdfjsWorker" },
    ],
    failed: (job, code, message) => ({
      ok: false,
      code,
      error: { stage: "extract", code, message: `extraction ${message}`, document: job.options.fileName },
      warnings: [],
    }),
  });
}

export type ExtractionPool = ReturnType<typeof createExtractionPool>;
