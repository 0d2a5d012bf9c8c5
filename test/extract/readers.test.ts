import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readPdf } from "../../pipeline/extract/pdf.ts";
import { readWithPdfium } from "../../pipeline/extract/pdfium/index.ts";
import { readWithPdfJs } from "../../pipeline/extract/pdfjs-reader.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const AMIENS = "pdf/Accord-cadre-Region-Amiens-Metropole.pdf";

/** The same file with its page tree announcing `count` pages. */
function announcing(pdf: Uint8Array, count: (real: number) => number): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  return new Uint8Array(
    Buffer.from(
      text.replace(/\/Count (\d+)/, (_, n) => `/Count ${count(Number(n))}`),
      "latin1",
    ),
  );
}

const texts = (read: Awaited<ReturnType<typeof readPdf>>) =>
  read.ok ? read.pdf.pages.map((p) => p.items.map((it) => it.str).join(" ")) : read.code;

describe("reading the text layer: PDFium first, pdf.js for what PDFium refuses", () => {
  it("both engines cut the same text into the same runs", async () => {
    for (const name of [AMIENS, "unseen/Accord-cadre-Region-Douaisis-Agglo.pdf"]) {
      const [pdfium, pdfjs] = [await readWithPdfium(fixture(name), 500), await readWithPdfJs(fixture(name), 500)];
      expect(texts(pdfium)).toEqual(texts(pdfjs));
      expect(pdfium.ok && pdfium.pdf.infoTitle).toBe(pdfjs.ok && pdfjs.pdf.infoTitle);
    }
  });

  it("a page tree announcing pages it does not have: PDFium refuses, pdf.js reads the five", async () => {
    const damaged = announcing(fixture(AMIENS), (n) => n + 2);
    expect((await readWithPdfium(damaged, 500)).ok).toBe(false);
    const read = await readPdf(damaged, 500);
    expect(read.ok && read.pdf.pages.length).toBe(5);
  });

  it("an absurd announced page count does not pass for a long document", async () => {
    const read = await readPdf(
      announcing(fixture(AMIENS), () => 999),
      500,
    );
    expect(read.ok && read.pdf.pages.length).toBe(5);
  });

  it("a scan: neither engine finds a text layer, every page is left to OCR", async () => {
    const read = await readPdf(fixture("bad/Accord-cadre-Region-CU-Dunkerque-scan.pdf"), 500);
    expect(read.ok && read.pdf.pages.length).toBeGreaterThan(0);
    expect(read.ok && read.pdf.pages.every((p) => p.items.length === 0)).toBe(true);
  });

  it("still names encrypted and oversized documents", async () => {
    expect(await readPdf(fixture("bad/Accord-cadre-Region-Amiens-Metropole-protege.pdf"), 500)).toMatchObject({
      ok: false,
      code: "encrypted",
    });
    expect(await readPdf(fixture(AMIENS), 3)).toMatchObject({ ok: false, code: "too-many-pages" });
  });
});
