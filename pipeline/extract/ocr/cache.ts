/**
 * OCR results kept per document: `<dir>/<sha256>.json` holds the OCR'd pages of that document for one
 * set of OCR settings. Other settings (or another OCR_VERSION) make the file a miss, and the next
 * write replaces it. Writes are atomic (temporary file + rename): a crash leaves the old file or the
 * new one, never half of one.
 */
import path from "node:path";
import { readJson, writeAtomic } from "../../files.ts";
import type { PageText } from "../../types.ts";

/** Bump when the OCR output changes for the same settings (clean-up rules, item shaping). */
export const OCR_VERSION = 1;

interface CacheFile {
  ocrVersion: number;
  settings: string;
  pages: PageText[];
}

const fileOf = (dir: string, sha256: string): string => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(dir, `${sha256}.json`);
};

/** The cached pages of a document made with these settings (empty when none, or unreadable). */
export async function readOcrCache(dir: string, sha256: string, settings: string): Promise<Map<number, PageText>> {
  const parsed = (await readJson(fileOf(dir, sha256))) as CacheFile | null;
  if (parsed?.ocrVersion !== OCR_VERSION || parsed.settings !== settings || !Array.isArray(parsed.pages)) {
    return new Map();
  }
  return new Map(parsed.pages.map((p) => [p.page, p]));
}

/** Stores these pages (sorted by number) as the document's cache for these settings. */
export async function writeOcrCache(
  dir: string,
  sha256: string,
  settings: string,
  pages: Iterable<PageText>,
): Promise<void> {
  const body: CacheFile = { ocrVersion: OCR_VERSION, settings, pages: [...pages].sort((a, b) => a.page - b.page) };
  await writeAtomic(fileOf(dir, sha256), Buffer.from(`${JSON.stringify(body)}\n`));
}
