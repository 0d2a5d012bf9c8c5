/**
 * Downloaded documents, keyed by URL: `<dir>/documents/<sha256(url)>.pdf` holds the bytes and
 * `<sha256(url)>.json` the validators for the next conditional request. Every write is a
 * rename of a complete temp file; an entry that cannot be read or no longer matches its bytes
 * is a miss, never an error.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { readJson, writeAtomic } from "../files.ts";
import type { Validators } from "../types.ts";

export interface CacheEntry extends Validators {
  url: string;
  sha256: string;
  size: number;
  fileName: string;
  /** ISO timestamp. */
  fetchedAt: string;
}

export function cacheKey(url: string): string {
  return createHash("sha256").update(url).digest("hex");
}

function isEntry(v: unknown, url: string): v is CacheEntry {
  const e = v as Partial<CacheEntry> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    e.url === url &&
    (e.etag === null || typeof e.etag === "string") &&
    (e.lastModified === null || typeof e.lastModified === "string") &&
    typeof e.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(e.sha256) &&
    Number.isSafeInteger(e.size) &&
    typeof e.fileName === "string" &&
    typeof e.fetchedAt === "string"
  );
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

export class DocumentCache {
  readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, "documents");
  }

  bodyPath(url: string): string {
    return path.join(this.dir, `${cacheKey(url)}.pdf`);
  }

  private entryPath(url: string): string {
    return path.join(this.dir, `${cacheKey(url)}.json`);
  }

  /** A fresh temp file name next to the cached files (same file system, so rename is atomic). */
  async tempPath(url: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return path.join(this.dir, `${cacheKey(url)}.${randomBytes(6).toString("hex")}.tmp`);
  }

  async readEntry(url: string): Promise<CacheEntry | null> {
    const value = await readJson(this.entryPath(url));
    return isEntry(value, url) ? value : null;
  }

  /** The entry of a downloaded document, only if its cached bytes still hash to it. */
  async readVerified(url: string): Promise<CacheEntry | null> {
    const entry = await this.readEntry(url);
    if (!entry) return null;
    const actual = await hashFile(this.bodyPath(url)).catch(() => null);
    return actual && actual.sha256 === entry.sha256 && actual.size === entry.size ? entry : null;
  }

  /** Records an entry, moving `body` (a temp file) into place first when given. */
  async commit(entry: CacheEntry, body?: string): Promise<void> {
    if (body !== undefined) await rename(body, this.bodyPath(entry.url));
    await writeAtomic(this.entryPath(entry.url), Buffer.from(`${JSON.stringify(entry, null, 2)}\n`));
  }
}
