import { describe, expect, it } from "vitest";
import { boldWords, type GreyImage, strokeWidth } from "../../../pipeline/extract/ocr/bold.ts";
import { linesOf, type RecognizedLine } from "../../../pipeline/extract/ocr/recognize.ts";
import { rgbaToPgm } from "../../../pipeline/extract/ocr/render.ts";
import { fitOcrSizes } from "../../../pipeline/extract/ocr/sizes.ts";
import { OCR_FONT, toPageText } from "../../../pipeline/extract/ocr/to-page-text.ts";
import type { PageText, PositionedText } from "../../../pipeline/types.ts";

/** A line of words at 2 px per point: `words` are [text, x0, x1] in points, baseline and x-height in points. */
function ocrLine(words: [string, number, number][], baseline: number, xHeight = 5.5, paragraph = 0): RecognizedLine {
  const px = (pt: number) => pt * 2;
  return {
    box: { x0: px(words[0]?.[1] ?? 0), y0: px(baseline - 8), x1: px(words.at(-1)?.[2] ?? 0), y1: px(baseline + 2) },
    baseline: px(baseline),
    xHeight: px(xHeight),
    paragraph,
    words: words.map(([text, x0, x1]) => ({
      text,
      confidence: 90,
      box: { x0: px(x0), y0: px(baseline - 8), x1: px(x1), y1: px(baseline + 2) },
    })),
  };
}
const GEOMETRY = { page: 3, width: 595.276, height: 841.89, scale: 2 };

describe("toPageText", () => {
  it("turns lines into items in points, top-left origin, baseline at y + height, source ocr", () => {
    const page = toPageText(
      [
        ocrLine(
          [
            ["Fait", 72, 90],
            ["à", 93, 98],
            ["Lille,", 101, 125],
          ],
          100,
        ),
      ],
      GEOMETRY,
    );
    expect(page).toEqual({
      page: 3,
      width: 595.28,
      height: 841.89,
      source: "ocr",
      ocrConfidence: 90,
      items: [{ str: "Fait à Lille,", x: 72, y: 89, width: 53, height: 11, fontName: OCR_FONT.regular }],
    });
  });

  it("keeps the words of a justified line together and splits table cells and tab stops", () => {
    const row = ocrLine(
      [
        ["Soutenir", 102, 140],
        ["la", 146, 154], // a wide justified space: 6 pt
        ["création", 158, 195],
        ["Région", 329, 360], // next column
        ["1,8", 429, 441],
        ["M€", 444, 458],
      ],
      200,
    );
    expect(toPageText([row], GEOMETRY).items.map((it) => [it.str, it.x])).toEqual([
      ["Soutenir la création", 102],
      ["Région", 329],
      ["1,8 M€", 429],
    ]);
  });

  it("cleans each item, bullets only at the start of a line", () => {
    const page = toPageText(
      [
        ocrLine(
          [
            ["—", 90, 96],
            ["financer", 100, 140],
            ["250", 300, 315],
            ["000€", 318, 340],
          ],
          100,
        ),
      ],
      GEOMETRY,
    );
    expect(page.items.map((it) => it.str)).toEqual(["– financer", "250 000 €"]);
  });

  it("gives every line of a paragraph the paragraph's size, and the page's usual size to sizes within 15 %", () => {
    const lines = [
      ocrLine(
        [
          ["Premier", 72, 110],
          ["paragraphe", 113, 170],
          ["de", 173, 183],
          ["texte", 186, 210],
        ],
        100,
        5.5,
        0,
      ),
      ocrLine([["suite", 72, 95]], 115, 7, 0), // a short line measured bigger: its paragraph decides
      ocrLine(
        [
          ["Second", 72, 110],
          ["paragraphe", 113, 170],
          ["un", 173, 183],
          ["peu", 186, 200],
        ],
        140,
        5.9,
        1,
      ),
      ocrLine([["TITRE", 72, 130]], 60, 9, 2),
    ];
    const sizes = toPageText(lines, GEOMETRY).items.map((it) => [it.str, it.height]);
    expect(sizes).toEqual([
      ["Premier paragraphe de texte", 11],
      ["suite", 11],
      ["Second paragraphe un peu", 11],
      ["TITRE", 18],
    ]);
  });

  it("names bold runs and splits a line where the weight changes", () => {
    const lines = [
      ocrLine(
        [
          ["La", 72, 84],
          ["Région", 88, 120],
          ["Hauts-de-France,", 124, 200],
          ["représentée", 204, 260],
        ],
        100,
      ),
    ];
    const items = toPageText(lines, GEOMETRY, [[false, true, true, false]]).items;
    expect(items.map((it) => [it.str, it.fontName])).toEqual([
      ["La", OCR_FONT.regular],
      ["Région Hauts-de-France,", OCR_FONT.bold],
      ["représentée", OCR_FONT.regular],
    ]);
  });

  it("reports the mean word confidence, 0 for a page where nothing was read", () => {
    const line = ocrLine(
      [
        ["a", 72, 80],
        ["b", 90, 100],
      ],
      100,
    );
    line.words[1] = { ...(line.words[1] as RecognizedLine["words"][number]), confidence: 70 };
    expect(toPageText([line], GEOMETRY).ocrConfidence).toBe(80);
    expect(toPageText([], GEOMETRY)).toMatchObject({ items: [], ocrConfidence: 0 });
  });
});

describe("linesOf", () => {
  it("reads tesseract's blocks into lines with their paragraph, dropping empty words", () => {
    const word = (text: string, x0: number) => ({ text, confidence: 95, bbox: { x0, y0: 10, x1: x0 + 20, y1: 30 } });
    const tLine = (words: ReturnType<typeof word>[]) => ({
      words,
      bbox: { x0: 0, y0: 10, x1: 100, y1: 30 },
      baseline: { x0: 0, y0: 26, x1: 100, y1: 28 },
      rowAttributes: { rowHeight: 26, ascenders: 6, descenders: 5 },
    });
    const page = {
      blocks: [
        { paragraphs: [{ lines: [tLine([word("Fait", 0), word(" ", 25)]), tLine([word("", 0)])] }] },
        { paragraphs: [{ lines: [tLine([word("Lille", 0)])] }] },
      ],
    } as unknown as Parameters<typeof linesOf>[0];
    expect(linesOf(page)).toEqual([
      {
        box: { x0: 0, y0: 10, x1: 100, y1: 30 },
        baseline: 27,
        xHeight: 15,
        paragraph: 0,
        words: [{ text: "Fait", confidence: 95, box: { x0: 0, y0: 10, x1: 20, y1: 30 } }],
      },
      expect.objectContaining({ paragraph: 1, words: [expect.objectContaining({ text: "Lille" })] }),
    ]);
  });
});

describe("bold words", () => {
  /** A white image with vertical black bars: `bars` are [x, stroke width] over rows 10..30. */
  function image(bars: [number, number][]): GreyImage {
    const width = 400;
    const height = 40;
    const data = new Uint8Array(width * height).fill(255);
    for (const [x, w] of bars) for (let y = 10; y < 30; y++) data.fill(0, y * width + x, y * width + x + w);
    return { data, offset: 0, width, height };
  }

  it("measures the stroke width across stems, and along bars (a dash is thin)", () => {
    const img = image([
      [10, 3],
      [20, 3],
    ]);
    expect(strokeWidth(img, { x0: 0, y0: 0, x1: 40, y1: 40 })).toEqual({ width: 3, dark: 120 });
    const dash: GreyImage = { ...img, data: new Uint8Array(400 * 40).fill(255) };
    for (let y = 20; y < 22; y++) dash.data.fill(0, y * 400 + 100, y * 400 + 130);
    expect(strokeWidth(dash, { x0: 90, y0: 0, x1: 140, y1: 40 }).width).toBe(2);
  });

  it("finds words drawn with wider strokes than the page's usual ones; short words follow their neighbours", () => {
    // Words are boxes of 40 px; regular words have 3 px stems, bold ones 5 px.
    const stems = (x: number, w: number): [number, number][] => [
      [x + 5, w],
      [x + 20, w],
    ];
    const img = image([
      ...stems(0, 3),
      ...stems(50, 5),
      ...stems(100, 5),
      ...stems(150, 3),
      ...stems(200, 5),
      ...stems(250, 3),
    ]);
    const word = (text: string, x: number) => ({ text, confidence: 90, box: { x0: x, y0: 0, x1: x + 40, y1: 40 } });
    const line: RecognizedLine = {
      box: { x0: 0, y0: 0, x1: 290, y1: 40 },
      baseline: 30,
      xHeight: 10,
      paragraph: 0,
      // "de" is measured bold but sits between regular words; "Et" alone keeps its own measure.
      words: [
        word("texte", 0),
        word("Article", 50),
        word("premier", 100),
        word("suite", 150),
        word("de", 200),
        word("fin", 250),
      ],
    };
    const alone: RecognizedLine = { ...line, words: [word("Et", 200)] };
    const regular: RecognizedLine = { ...line, words: [word("texte", 0), word("suite", 150), word("même", 250)] };
    // Running text is most of a page: it sets the usual stroke.
    expect(boldWords(img, [line, alone, regular, regular, regular])).toEqual([
      [false, true, true, false, false, false],
      [true],
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ]);
  });
});

describe("rgbaToPgm", () => {
  it("writes a binary PGM of the luma", () => {
    const grey = rgbaToPgm(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]), 3, 1);
    const header = "P5\n3 1\n255\n";
    expect(grey.offset).toBe(header.length);
    expect(new TextDecoder().decode(grey.data.subarray(0, grey.offset))).toBe(header);
    expect([...grey.data.subarray(grey.offset)]).toEqual([255, 0, 76]);
  });
});

describe("fitOcrSizes", () => {
  const item = (str: string, height: number, y = 100): PositionedText => ({ str, x: 72, y, width: 200, height });
  const page = (n: number, source: PageText["source"], items: PositionedText[]): PageText => ({
    page: n,
    width: 595,
    height: 842,
    source,
    items,
  });
  const body = "x".repeat(600);

  it("gives the OCR'd pages the body size of the text layer, keeping baselines", () => {
    const pages = [
      page(1, "text-layer", [item(body, 11), item("Titre", 20)]),
      page(2, "ocr", [item(body, 12.24, 100), item("Grand titre", 18, 50)]),
    ];
    const [text, ocr] = fitOcrSizes(pages);
    expect(text).toBe(pages[0]);
    expect(ocr?.items.map((it) => [it.height, it.y + it.height])).toEqual([
      [11, 112.24],
      [16.18, 68],
    ]);
  });

  it("without a text layer, gives every OCR'd page the same body size (a pixel of x-height is 0.7 pt)", () => {
    const pages = [
      page(1, "ocr", [item(body, 12.24), item("Titre", 18.5)]),
      page(2, "ocr", [item(`${body}x`, 12.96)]),
      page(3, "ocr", [item(body, 12.24), item("Note", 9.5)]),
    ];
    expect(fitOcrSizes(pages).map((p) => p.items.map((it) => it.height))).toEqual([
      [12.24, 18.5],
      [12.24],
      [12.24, 9.5],
    ]);
  });
});
