import { createHash } from "node:crypto";
import path from "node:path";
import { readJson, writeAtomic } from "../files.ts";
import type { ExtractionResult } from "../types.ts";

/**
 * Extraction results by document hash and `settings` (extractor version and OCR settings): an
 * unchanged document is never parsed twice, and new rules or OCR settings re-parse everything.
 */
export function extractionCache(cacheDir: string, settings: string) {
  const key = createHash("sha256").update(settings).digest("hex").slice(0, 16);
  const file = (sha256: string) => path.join(cacheDir, "extract", `${sha256}.${key}.json`);
  return {
    get: async (sha256: string) => (await readJson(file(sha256))) as ExtractionResult | null,
    async set(sha256: string, result: ExtractionResult): Promise<void> {
      await writeAtomic(file(sha256), Buffer.from(JSON.stringify(result)));
    },
  };
}
