/**
 * One real OCR, end to end: the scanned strip of `mixed.pdf` (page 2, ~600 × 100 pt) rendered with
 * pdfjs and read by tesseract.js with the French data from npm. Proxies point at a dead port: the
 * OCR must not need the network.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../../pipeline/errors.ts";
import { type OcrOptions, ocrPages } from "../../../pipeline/extract/ocr/index.ts";
import { traineddataDir } from "../../../pipeline/extract/ocr/traineddata.ts";
import type { OcrProgress } from "../../../pipeline/types.ts";

const bytes = new Uint8Array(readFileSync(new URL("../../fixtures/ocr/mixed.pdf", import.meta.url)));
const sha256 = createHash("sha256").update(bytes).digest("hex");
const PROXIES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"];

let cacheDir: string;
const saved = new Map<string, string | undefined>();
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "accords-ocr-"));
  for (const name of PROXIES) {
    saved.set(name, process.env[name]);
    process.env[name] = "http://127.0.0.1:9";
  }
});
afterAll(async () => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(cacheDir, { recursive: true, force: true });
});

const options = (over: Partial<OcrOptions> = {}): OcrOptions => ({
  enabled: true,
  languages: ["fra"],
  pageTimeoutMs: 30_000,
  documentTimeoutMs: 50_000,
  workers: 1,
  cacheDir,
  document: "mixed.pdf",
  ...over,
});

describe("ocrPages", () => {
  it("reads the scanned page into OCR'd page text, then serves it from the cache without OCR", async () => {
    const progress: OcrProgress[] = [];
    const first = await ocrPages(bytes, [2], sha256, options({ onProgress: (e) => progress.push(e) }));
    expect(first.warnings).toEqual([]);
    expect(first.cached).toBe(false);
    expect(progress).toEqual([{ page: 2, done: 1, total: 1 }]);

    const [page] = first.pages;
    expect(page).toMatchObject({ page: 2, source: "ocr", width: 595.29, height: 96.47 });
    expect(page?.ocrConfidence).toBeGreaterThan(80);
    const text = page?.items.map((it) => it.str).join("\n") ?? "";
    expect(text).toContain("Article 9 – Règlement des litiges");
    expect(text).toContain("Fait à Lille, le 17 juillet 2020, en deux exemplaires originaux.");
    expect(text).toContain("À défaut d’accord");
    const heading = page?.items.find((it) => it.str.startsWith("Article 9"));
    const signature = page?.items.find((it) => it.str.startsWith("Fait à Lille"));
    expect(heading?.fontName).toBe("ocr-bold");
    expect(signature?.fontName).toBe("ocr-regular");
    // Same place as on the page: left margin at ~78 pt, last line near the bottom of the strip.
    expect(signature?.x).toBeCloseTo(78, -1);
    expect((signature?.y ?? 0) + (signature?.height ?? 0)).toBeGreaterThan(85);
    expect((signature?.y ?? 0) + (signature?.height ?? 0)).toBeLessThan(96.47);

    expect(await readdir(cacheDir)).toEqual([`${sha256}.json`]);
    const again: OcrProgress[] = [];
    const second = await ocrPages(bytes, [2], sha256, options({ onProgress: (e) => again.push(e) }));
    expect(second).toEqual({ pages: first.pages, cached: true, warnings: [] });
    expect(again).toEqual([]); // no page was recognised
  }, 60_000);

  it("gives up a page that runs past its time, with a warning naming the document and page", async () => {
    const result = await ocrPages(bytes, [2], sha256, options({ cacheDir: null, pageTimeoutMs: 1 }));
    expect(result.pages).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ stage: "extract", code: "ocr-timeout", document: "mixed.pdf", page: 2 }),
    ]);
  }, 60_000);

  it("stops at the document's time limit: the pages left get a warning", async () => {
    const result = await ocrPages(bytes, [1, 2], sha256, options({ cacheDir: null, documentTimeoutMs: 0 }));
    expect(result.pages).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.page])).toEqual([
      ["ocr-timeout", 1],
      ["ocr-timeout", 2],
    ]);
  }, 60_000);

  it("warns about a page the document does not have", async () => {
    const result = await ocrPages(bytes, [7], sha256, options({ cacheDir: null }));
    expect(result.pages).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: "ocr-failed", page: 7 })]);
  });

  it("does nothing when OCR is off", async () => {
    const progress: OcrProgress[] = [];
    const result = await ocrPages(bytes, [2], sha256, options({ enabled: false, onProgress: (e) => progress.push(e) }));
    expect(result).toEqual({ pages: [], cached: false, warnings: [] });
    expect(progress).toEqual([]);
  });

  it("fails before any work when a language is not installed", async () => {
    const result = ocrPages(bytes, [2], sha256, options({ cacheDir: null, languages: ["fra", "klingon"] }));
    await expect(result).rejects.toBeInstanceOf(PipelineError);
    await expect(result).rejects.toMatchObject({ diagnostic: { code: "ocr-language" } });
  });

  it("reads trained data from a local folder (never a URL)", () => {
    expect(path.isAbsolute(traineddataDir(["fra"]))).toBe(true);
  });
});
