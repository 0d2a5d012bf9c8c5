import { readFileSync } from "node:fs";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { decideFromText, type PageInk, pageNeedsOcr, textFacts } from "../../../pipeline/extract/ocr/decide.ts";
import { decidePages } from "../../../pipeline/extract/ocr/index.ts";
import { inkFromOperatorList, readPageInk } from "../../../pipeline/extract/ocr/ink.ts";
import { readPdf } from "../../../pipeline/extract/pdf.ts";
import type { PositionedText } from "../../../pipeline/types.ts";

const A4 = { width: 595, height: 842 };
const NO_INK: PageInk = { imageCoverage: 0, pathCount: 2 };
const SCAN: PageInk = { imageCoverage: 1, pathCount: 0 };

const line = (str: string, y: number, height = 11): PositionedText => ({
  str,
  x: 70,
  y,
  width: str.length * height * 0.5,
  height,
});
const PROSE =
  "La Région s’engage à soutenir les projets de la Métropole et des communes pour le développement du territoire et de ses habitants";
const bodyPage = (): PositionedText[] => Array.from({ length: 40 }, (_, i) => line(PROSE, 80 + i * 16));

describe("pageNeedsOcr (synthetic pages)", () => {
  it("keeps a page of running text", () => {
    expect(pageNeedsOcr({ ...A4, items: bodyPage() }, NO_INK)).toEqual({ ocr: false, reason: "ok" });
  });

  it("keeps a page of running text over a full-page background image", () => {
    expect(pageNeedsOcr({ ...A4, items: bodyPage() }, SCAN)).toEqual({ ocr: false, reason: "ok" });
  });

  it("OCRs a page without text that paints an image", () => {
    expect(pageNeedsOcr({ ...A4, items: [] }, SCAN)).toEqual({ ocr: true, reason: "no-text" });
    expect(pageNeedsOcr({ ...A4, items: [line("   ", 100)] }, SCAN)).toEqual({ ocr: true, reason: "no-text" });
  });

  it("does not OCR a blank page (nothing painted at all)", () => {
    expect(pageNeedsOcr({ ...A4, items: [] }, { imageCoverage: 0, pathCount: 0 })).toEqual({
      ocr: false,
      reason: "no-text",
    });
  });

  it("OCRs a scan whose only text is a stamped page number or header", () => {
    const stamped = [line("Page 6/6", 800, 9), line("Accord-cadre – Région Hauts-de-France / MEL", 30, 8.5)];
    expect(pageNeedsOcr({ ...A4, items: stamped }, SCAN)).toEqual({ ocr: true, reason: "too-little-text" });
  });

  it("OCRs text drawn as outlines (thousands of paths) with a stamped page number", () => {
    const ink: PageInk = { imageCoverage: 0, pathCount: 4000 };
    expect(pageNeedsOcr({ ...A4, items: [line("3", 800, 9)] }, ink)).toEqual({ ocr: true, reason: "too-little-text" });
  });

  it("keeps a short page of text without images (a cover, a signature page)", () => {
    const cover = [line("ACCORD-CADRE DE PARTENARIAT TERRITORIAL", 200, 20), line("Page 1/6", 800, 9)];
    expect(pageNeedsOcr({ ...A4, items: cover }, NO_INK)).toEqual({ ocr: false, reason: "ok" });
  });

  it("OCRs a text layer of unmapped glyphs (private use, U+FFFD, control characters)", () => {
    const unmapped = Array.from({ length: 30 }, (_, i) =>
      line("\uE001\uE002\uE003 \uFFFD\uFFFD \u0003\u0004", 80 + i * 16),
    );
    expect(pageNeedsOcr({ ...A4, items: unmapped }, NO_INK)).toEqual({ ocr: true, reason: "garbage" });
  });

  it("OCRs a text layer that decodes to letters but to no French (a font without a Unicode map)", () => {
    const CONSONANTS = "bcfghjkmnpqrvwxz";
    const shifted = PROSE.replace(/\p{L}/gu, (c) => CONSONANTS[(c.codePointAt(0) ?? 0) % CONSONANTS.length] ?? "x");
    const items = Array.from({ length: 40 }, (_, i) => line(shifted, 80 + i * 16));
    expect(pageNeedsOcr({ ...A4, items }, NO_INK)).toEqual({ ocr: true, reason: "garbage" });
  });

  it("tolerates a few private-use bullets in real text", () => {
    const items = bodyPage().map((it, i) => (i % 4 === 0 ? { ...it, str: `\uF0B7 ${it.str}` } : it));
    expect(pageNeedsOcr({ ...A4, items }, NO_INK)).toEqual({ ocr: false, reason: "ok" });
  });
});

describe("decideFromText: what the text layer settles without reading the page's ink", () => {
  it("settles running text and garbage, and leaves empty or stamp-only pages to the ink", () => {
    expect(decideFromText({ ...A4, items: bodyPage() })).toEqual({ ocr: false, reason: "ok" });
    expect(decideFromText({ ...A4, items: [line("\uFFFD\uFFFD\uFFFD\uFFFD", 100)] })).toEqual({
      ocr: true,
      reason: "garbage",
    });
    expect(decideFromText({ ...A4, items: [] })).toBeNull();
    expect(decideFromText({ ...A4, items: [line("Page 3", 800, 9)] })).toBeNull();
  });
});

describe("textFacts", () => {
  it("counts glyphs, unmapped glyphs, stop words and the area the text covers", () => {
    const facts = textFacts([{ str: "de la \uFFFD", x: 0, y: 0, width: 50, height: 10 }], 100, 100);
    expect(facts).toEqual({ glyphs: 5, unmapped: 1, words: 2, stopWords: 2, coverage: 0.05 });
  });
});

describe("inkFromOperatorList", () => {
  const view = [0, 0, 600, 800];

  it("measures an image drawn over the whole page", () => {
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore],
      argsArray: [[], [600, 0, 0, 800, 0, 0], ["img_p0_1", 100, 100], []],
    };
    expect(inkFromOperatorList(ops, view)).toEqual({ imageCoverage: 1, pathCount: 0 });
  });

  it("follows save/restore and form matrices, clips to the page and counts paths", () => {
    const ops = {
      fnArray: [
        OPS.save,
        OPS.transform,
        OPS.paintImageXObject, // 300 × 400 at the origin: a quarter of the page
        OPS.restore,
        OPS.paintFormXObjectBegin,
        OPS.transform,
        OPS.paintInlineImageXObject, // 100 × 100 inside a form moved to x = 550: half of it is off the page
        OPS.paintFormXObjectEnd,
        OPS.constructPath,
        OPS.constructPath,
      ],
      argsArray: [
        [],
        [300, 0, 0, 400, 0, 0],
        ["img"],
        [],
        [[1, 0, 0, 1, 550, 0], null],
        [100, 0, 0, 100, 0, 0],
        [{}],
        [],
        [],
        [],
      ],
    };
    const ink = inkFromOperatorList(ops, view);
    expect(ink.imageCoverage).toBeCloseTo(0.25 + (50 * 100) / (600 * 800), 6);
    expect(ink.pathCount).toBe(2);
  });
});

describe("the decision on real pages", () => {
  // mixed.pdf: page 1 is a text page of the MEL agreement, page 2 a strip of its scanned signature page.
  const bytes = new Uint8Array(readFileSync(new URL("../../fixtures/ocr/mixed.pdf", import.meta.url)));

  it("keeps the text page and OCRs the scanned one", async () => {
    const read = await readPdf(bytes, 10);
    if (!read.ok) throw new Error(read.message);
    expect(await decidePages(bytes, read.pdf.pages)).toEqual(
      new Map([
        [1, { ocr: false, reason: "ok" }],
        [2, { ocr: true, reason: "no-text" }],
      ]),
    );
  });

  it("measures the ink of each page: none on the text page, a full-page image on the scan", async () => {
    const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
    try {
      expect(await readPageInk(await doc.getPage(1))).toMatchObject({ imageCoverage: 0 });
      expect(await readPageInk(await doc.getPage(2))).toEqual({ imageCoverage: 1, pathCount: 0 });
    } finally {
      await doc.destroy();
    }
  });
});
