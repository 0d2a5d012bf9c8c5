/**
 * Bold words on an OCR'd page, measured on the rendered image: tesseract's LSTM engine reports no
 * font, yet the rules tell headings and list lead-ins from running text by their bold face, as they
 * do with the fonts of a text layer. The stroke width of a word is the mean length of its dark runs,
 * across (for vertical stems) or down (for dashes and bars), whichever is shorter. On the corpus
 * scans regular text measures 3.6–4.5 px at 200 dpi and bold 5.4–6.9 px: ×1.4 or more.
 */
import { letterCount } from "../text.ts";
import type { Box, RecognizedLine } from "./recognize.ts";
import { weightedMedian } from "./stats.ts";

/** A greyscale bitmap: one byte per pixel, 0 = black, rows of `width` pixels from `offset`. */
export interface GreyImage {
  data: Uint8Array;
  offset: number;
  width: number;
  height: number;
}

const DARK = 128;
/** Bold when the stroke is this much wider than the page's usual stroke. */
const BOLD_RATIO = 1.25;

/** Mean stroke width (pixels) inside a box, and the dark pixels it rests on. */
export function strokeWidth(img: GreyImage, box: Box): { width: number; dark: number } {
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(img.width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(img.height, Math.ceil(box.y1));
  let dark = 0;
  let rowRuns = 0;
  const inColumnRun = new Uint8Array(Math.max(0, x1 - x0));
  let columnRuns = 0;
  for (let y = y0; y < y1; y++) {
    let inRowRun = false;
    const row = img.offset + y * img.width;
    for (let x = x0; x < x1; x++) {
      const isDark = (img.data[row + x] ?? 255) < DARK;
      if (isDark) {
        dark++;
        if (!inRowRun) rowRuns++;
        if (!inColumnRun[x - x0]) columnRuns++;
      }
      inRowRun = isDark;
      inColumnRun[x - x0] = isDark ? 1 : 0;
    }
  }
  if (dark === 0) return { width: 0, dark: 0 };
  return { width: Math.min(dark / rowRuns, dark / columnRuns), dark };
}

/** Words with fewer letters are too small to judge on their own. */
const MIN_LETTERS = 4;

/**
 * For each line, for each word: is it bold? A word of fewer than four letters ("de", "à", "–", a
 * number) takes the weight of the measured words around it in its line when they agree, and its own
 * measure only when it stands alone ("Et" as a heading).
 */
export function boldWords(img: GreyImage, lines: readonly RecognizedLine[]): boolean[][] {
  const measures = lines.map((line) =>
    line.words.map((w) => (letterCount(w.text) >= 2 ? strokeWidth(img, w.box) : null)),
  );
  const usual = weightedMedian(measures.flat().flatMap((m) => (m ? [[m.width, m.dark] as const] : []))) ?? 0;
  return lines.map((line, i) => {
    const own = (measures[i] ?? []).map((m) => (m && usual > 0 ? m.width >= BOLD_RATIO * usual : null));
    const long = line.words.map((w, j) => (letterCount(w.text) >= MIN_LETTERS ? own[j] : null) ?? null);
    return line.words.map((_, j) => {
      if (long[j] !== null) return long[j] as boolean;
      const before = long.slice(0, j).findLast((b) => b !== null);
      const after = long.slice(j + 1).find((b) => b !== null);
      const around = [before, after].filter((b): b is boolean => b !== undefined);
      if (around.length > 0 && around.every((b) => b === around[0])) return around[0] as boolean;
      return own[j] ?? before ?? after ?? false;
    });
  });
}
