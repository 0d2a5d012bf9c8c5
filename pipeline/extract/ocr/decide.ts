/**
 * Is the text layer of a page usable, or must the page be OCR'd? Pure: it reads the page's positioned
 * text and a few facts about what the page paints (ink.ts), never the pixels.
 *
 * Thresholds are set against the corpus: every text page of the three agreements and the convocation
 * has ≥ 340 glyphs, a text coverage ≥ 0.06 and ≥ 12 % French stop words; a scanned page has no text,
 * or (with a stamped page number or header) a coverage far below 0.02.
 */
import type { PositionedText } from "../../types.ts";

/** What a page paints besides text, from its operator list. */
export interface PageInk {
  /** Share of the page area covered by images (0..1, overlaps counted twice, capped at 1). */
  imageCoverage: number;
  /** Vector paths drawn (text converted to outlines shows up as thousands of them). */
  pathCount: number;
}

export type OcrReason = "no-text" | "too-little-text" | "garbage" | "ok";

export interface OcrDecision {
  ocr: boolean;
  reason: OcrReason;
}

export interface TextFacts {
  /** Non-space characters. */
  glyphs: number;
  /** U+FFFD, private-use and control characters: glyphs pdfjs could not map to Unicode. */
  unmapped: number;
  /** Word tokens (letters only). */
  words: number;
  /** Of which French stop words ("de", "la", "et"…). */
  stopWords: number;
  /** Σ width × height of the text runs over the page area (0..1). */
  coverage: number;
}

export const THRESHOLDS = {
  /** Above this share of unmapped glyphs the text layer is garbage. */
  maxUnmappedShare: 0.3,
  /** Below this share of stop words (over at least `minWordsForLanguage` words) the text is garbage. */
  minStopWordShare: 0.03,
  minWordsForLanguage: 40,
  /** A page this much painted by images (or this many paths) has ink worth reading… */
  inkyImageCoverage: 0.5,
  inkyPathCount: 1000,
  /** …and its text layer is a stamp (page number, header) when it covers less than this. */
  minTextCoverage: 0.02,
};

const STOP_WORDS = new Set(
  "à au aux avec ce ces d dans de des du elle en est et il la le les l leur leurs ou par pour qu que qui sa se ses son sur un une".split(
    " ",
  ),
);

// Private-use areas, the replacement character, and control characters other than tab/newlines.
const UNMAPPED = /[\p{Co}\uFFFD]|(?![\t\n\r])\p{Cc}/gu;

const WORD = /\p{L}+/gu;
const SPACE = /\s/g;

export function textFacts(items: readonly PositionedText[], pageWidth: number, pageHeight: number): TextFacts {
  let area = 0;
  for (const it of items) {
    if (it.str.trim() !== "") area += Math.max(0, it.width) * Math.max(0, it.height);
  }
  // One string for the page: the counts below are the same item by item, and this is read for every page.
  const text = items.map((it) => it.str).join(" ");
  const glyphs = text.length - (text.match(SPACE)?.length ?? 0);
  const unmapped = text.match(UNMAPPED)?.length ?? 0;
  let words = 0;
  let stopWords = 0;
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    words++;
    if (STOP_WORDS.has(word)) stopWords++;
  }
  const pageArea = pageWidth * pageHeight;
  return { glyphs, unmapped, words, stopWords, coverage: pageArea > 0 ? Math.min(1, area / pageArea) : 0 };
}

/** The decision when the text facts settle it alone; null when it depends on what the page paints. */
function settle(facts: TextFacts, t: typeof THRESHOLDS): OcrDecision | null {
  if (facts.glyphs === 0) return null; // blank, or a scan?
  if (facts.unmapped / facts.glyphs > t.maxUnmappedShare) return { ocr: true, reason: "garbage" };
  if (facts.words >= t.minWordsForLanguage && facts.stopWords / facts.words < t.minStopWordShare) {
    return { ocr: true, reason: "garbage" };
  }
  return facts.coverage >= t.minTextCoverage ? { ocr: false, reason: "ok" } : null; // a stamp over a scan?
}

type PageLike = { width: number; height: number; items: readonly PositionedText[] };

/**
 * The decision when the text layer settles it, or null when the page's ink must be read. Most pages
 * of born-digital documents are settled here, without reading their drawing operators.
 */
export function decideFromText(page: PageLike, t: typeof THRESHOLDS = THRESHOLDS): OcrDecision | null {
  return settle(textFacts(page.items, page.width, page.height), t);
}

/** The decision for one page, from its text layer and what it paints. */
export function pageNeedsOcr(page: PageLike, ink: PageInk, t: typeof THRESHOLDS = THRESHOLDS): OcrDecision {
  const facts = textFacts(page.items, page.width, page.height);
  const settled = settle(facts, t);
  if (settled) return settled;
  // A page that paints nothing at all is blank: nothing to read.
  if (facts.glyphs === 0) return { ocr: ink.imageCoverage > 0 || ink.pathCount > 0, reason: "no-text" };
  const inky = ink.imageCoverage >= t.inkyImageCoverage || ink.pathCount >= t.inkyPathCount;
  return inky ? { ocr: true, reason: "too-little-text" } : { ocr: false, reason: "ok" };
}
