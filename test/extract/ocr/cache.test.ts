import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OCR_VERSION, readOcrCache, writeOcrCache } from "../../../pipeline/extract/ocr/cache.ts";
import type { PageText } from "../../../pipeline/types.ts";

const SHA = "a".repeat(64);
const page = (n: number, str = "Fait à Lille"): PageText => ({
  page: n,
  width: 595,
  height: 842,
  items: [{ str, x: 72, y: 100, width: 80, height: 11, fontName: "ocr-regular" }],
  source: "ocr",
  ocrConfidence: 93.5,
});

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), "accords-ocr-cache-")), "ocr");
});
afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }));

describe("OCR cache", () => {
  it("gives back the pages stored for a document and its settings, in a file named by the sha256", async () => {
    await writeOcrCache(dir, SHA, "fra@200", [page(6), page(2)]);
    expect(await readdir(dir)).toEqual([`${SHA}.json`]);
    const cached = await readOcrCache(dir, SHA, "fra@200");
    expect([...cached.keys()]).toEqual([2, 6]);
    expect(cached.get(6)).toEqual(page(6));
  });

  it("is a miss for other settings, another OCR version, a missing or unreadable file", async () => {
    await writeOcrCache(dir, SHA, "fra@200", [page(1)]);
    expect((await readOcrCache(dir, SHA, "fra@300")).size).toBe(0);
    expect((await readOcrCache(dir, "b".repeat(64), "fra@200")).size).toBe(0);
    await writeFile(
      path.join(dir, `${SHA}.json`),
      JSON.stringify({ ocrVersion: OCR_VERSION - 1, settings: "fra@200", pages: [page(1)] }),
    );
    expect((await readOcrCache(dir, SHA, "fra@200")).size).toBe(0);
    await writeFile(path.join(dir, `${SHA}.json`), "{ truncated");
    expect((await readOcrCache(dir, SHA, "fra@200")).size).toBe(0);
  });

  it("replaces the file atomically and leaves no temporary file behind", async () => {
    await writeOcrCache(dir, SHA, "fra@200", [page(1, "avant")]);
    await writeOcrCache(dir, SHA, "fra@200", [page(1, "après")]);
    expect(await readdir(dir)).toEqual([`${SHA}.json`]);
    expect((await readOcrCache(dir, SHA, "fra@200")).get(1)?.items[0]?.str).toBe("après");
  });

  it("refuses a key that is not a sha256 (it names a file)", async () => {
    await expect(writeOcrCache(dir, "../../etc/passwd", "x", [])).rejects.toThrow(/sha256/);
  });
});
