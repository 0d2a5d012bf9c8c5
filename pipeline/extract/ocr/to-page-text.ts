/**
 * Tesseract's lines (pixels) → PageText (points, top-left origin), shaped like a text layer so that the
 * same line builder reads it: one item per run of words, split where a gap is wide enough to be a
 * table column or a tab stop (words of a sentence stay together, cells of a table row do not).
 *
 * `y + height` is the baseline and `height` plays the font size, as for the text layer. Sizes come
 * from tesseract's x-height, taken per paragraph (tesseract's own grouping), then paragraphs within 15 %
 * of the page's usual size get exactly that size: the rules compare sizes to spot headings, and OCR
 * noise of a point must not make one.
 */
import type { PageText, PositionedText } from "../../types.ts";
import { cleanOcrText } from "./cleanup.ts";
import type { RecognizedLine, RecognizedWord } from "./recognize.ts";
import { round2, weightedMedian } from "./stats.ts";

/** Font size ≈ x-height / 0.5 for the usual text faces (Times 0.45, Arial 0.52). */
const X_HEIGHT_RATIO = 0.5;
/** A gap wider than this many font sizes separates two items (justified text stays below 0.8, table cells above 1.6). */
const ITEM_GAP = 1.2;
/** Lines this close to the page's usual size are set to it. */
const SIZE_SNAP = 0.15;

export interface PageGeometry {
  page: number;
  /** Page size in points. */
  width: number;
  height: number;
  /** Pixels per point of the OCR'd image. */
  scale: number;
}

const charCount = (line: RecognizedLine): number => line.words.reduce((n, w) => n + w.text.length, 0);

/** Line size in points, from the x-height (or the ink box when tesseract gives no row model). */
function lineSize(line: RecognizedLine, scale: number): number {
  const px = line.xHeight > 0 ? line.xHeight / X_HEIGHT_RATIO : line.box.y1 - line.box.y0;
  return px / scale;
}

/** Font names of OCR'd items: only the weight is known (bold.ts). */
export const OCR_FONT = { regular: "ocr-regular", bold: "ocr-bold" } as const;

interface Run {
  words: RecognizedWord[];
  bold: boolean;
}

/** Words of a line cut where the gap is wider than `ITEM_GAP` sizes, or where the weight changes. */
function runs(words: readonly RecognizedWord[], bold: readonly boolean[], sizePx: number): Run[] {
  const out: Run[] = [];
  words.forEach((w, i) => {
    const b = bold[i] ?? false;
    const current = out.at(-1);
    const prev = current?.words.at(-1);
    if (current && prev && current.bold === b && w.box.x0 - prev.box.x1 <= ITEM_GAP * sizePx) current.words.push(w);
    else out.push({ words: [w], bold: b });
  });
  return out;
}

/** `bold[i][j]`: is word j of line i bold (bold.ts); missing means regular. */
export function toPageText(
  lines: readonly RecognizedLine[],
  geometry: PageGeometry,
  bold: readonly (readonly boolean[])[] = [],
): PageText {
  const { scale } = geometry;
  // Lines of one paragraph share a size: the paragraph's, measured on all its characters.
  const measured = lines.map((line) => ({ line, size: lineSize(line, scale), chars: charCount(line) }));
  const paragraphSize = new Map<number, number>();
  for (const p of new Set(lines.map((l) => l.paragraph))) {
    const own = measured.filter((m) => m.line.paragraph === p).map((m) => [m.size, m.chars] as const);
    paragraphSize.set(p, weightedMedian(own) ?? 0);
  }
  const sized = measured.map((m) => ({ ...m, size: paragraphSize.get(m.line.paragraph) ?? m.size }));
  const usual = weightedMedian(sized.map((m) => [m.size, m.chars]));
  const items: PositionedText[] = [];
  const confidences: number[] = [];
  sized.forEach(({ line, size: raw }, i) => {
    const size = usual !== null && Math.abs(raw - usual) <= SIZE_SNAP * usual ? usual : Math.round(raw * 2) / 2;
    const baseline = line.baseline / scale;
    for (const w of line.words) confidences.push(w.confidence);
    runs(line.words, bold[i] ?? [], size * scale).forEach((run, k) => {
      const first = run.words[0] as RecognizedWord;
      const last = run.words.at(-1) as RecognizedWord;
      const str = cleanOcrText(run.words.map((w) => w.text).join(" "), { lineStart: k === 0 });
      if (str === "") return;
      items.push({
        str,
        x: round2(first.box.x0 / scale),
        y: round2(baseline - size),
        width: round2((last.box.x1 - first.box.x0) / scale),
        height: round2(size),
        fontName: run.bold ? OCR_FONT.bold : OCR_FONT.regular,
      });
    });
  });
  const mean = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
  return {
    page: geometry.page,
    width: round2(geometry.width),
    height: round2(geometry.height),
    items,
    source: "ocr",
    ocrConfidence: Math.round(mean * 10) / 10,
  };
}
