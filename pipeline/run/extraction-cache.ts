import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "../publish/local.ts";
import type { ExtractionResult } from "../types.ts";

/**
 * Extraction results by document hash, extractor version and OCR settings: an unchanged document
 * is never parsed twice, and new rules or OCR settings re-parse everything.
 */
export function extractionCache(cacheDir: string, version: string, settings: string) {
  const key = createHash("sha256").update(`${version}\n${settings}`).digest("hex").slice(0, 16);
  const file = (sha256: string) => path.join(cacheDir, "extract", `${sha256}.${key}.json`);
  return {
    async get(sha256: string): Promise<ExtractionResult | null> {
      try {
        return JSON.parse(await readFile(file(sha256), "utf8")) as ExtractionResult;
      } catch {
        return null;
      }
    },
    async set(sha256: string, result: ExtractionResult): Promise<void> {
      await writeAtomic(file(sha256), Buffer.from(JSON.stringify(result)));
    },
  };
}
