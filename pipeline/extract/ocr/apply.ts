import type { Diagnostic, ExtractOptions, OcrPage, PageText } from "../../types.ts";
import { decidePages, fitOcrSizes, ocrPages } from "./index.ts";

export interface OcrApplied {
  pages: PageText[];
  /** Pages read by OCR, with their mean confidence. */
  ocrPages: OcrPage[];
  warnings: Diagnostic[];
}

/**
 * Replaces the pages whose text layer is unusable (none, too little for the ink, or garbage) by
 * their OCR, so that the same rules read scanned and born-digital pages.
 */
export async function applyOcr(bytes: Uint8Array, pages: PageText[], opts: ExtractOptions): Promise<OcrApplied> {
  const settings = opts.ocr;
  if (!settings?.enabled) return { pages, ocrPages: [], warnings: [] };
  const decisions = await decidePages(bytes, pages);
  const wanted = [...decisions].filter(([, d]) => d.ocr).map(([page]) => page);
  if (wanted.length === 0) return { pages, ocrPages: [], warnings: [] };
  const result = await ocrPages(bytes, wanted, opts.sha256 ?? "", {
    ...settings,
    cacheDir: opts.sha256 ? settings.cacheDir : null,
    document: opts.fileName,
    ...(opts.onOcrProgress ? { onProgress: opts.onOcrProgress } : {}),
  });
  const byPage = new Map(result.pages.map((p) => [p.page, p]));
  const merged = fitOcrSizes(pages.map((p) => byPage.get(p.page) ?? p));
  return {
    pages: merged,
    ocrPages: result.pages.map((p) => ({ page: p.page, confidence: p.ocrConfidence ?? null })),
    warnings: result.warnings,
  };
}
