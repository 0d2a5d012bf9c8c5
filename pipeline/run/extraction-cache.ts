import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "../publish/local.ts";
import type { ExtractionResult } from "../types.ts";

/**
 * Extraction results by document hash and extractor version: an unchanged document is never
 * parsed twice, and a new version of the rules re-parses everything.
 */
export function extractionCache(cacheDir: string, version: string) {
  const file = (sha256: string) => path.join(cacheDir, "extract", `${sha256}.${version}.json`);
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
