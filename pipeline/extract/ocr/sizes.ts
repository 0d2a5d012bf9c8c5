/**
 * Font sizes of OCR'd pages made consistent with the rest of the document. Each OCR'd page measures
 * its body size on its own (a pixel of x-height is 0.7 pt at 200 dpi), and that measure is not the
 * font size a text layer would report: the rules compare sizes across pages ("larger than the body
 * text" makes a heading), so every OCR'd page gets one body size — the text layer's when the
 * document has one. Pure.
 */
import type { PageText } from "../../types.ts";
import { round2, weightedMedian, weightedMode } from "./stats.ts";

/** Page body sizes this close to the document's are measurement noise. */
const SAME_SIZE = 0.15;

const chars = (s: string): number => s.replace(/\s/g, "").length;

const bodySize = (page: PageText): number | null => weightedMode(page.items.map((it) => [it.height, chars(it.str)]));

/** Minimum characters of text layer to take its body size as the reference. */
const MIN_TEXT_LAYER_CHARS = 500;

export function fitOcrSizes(pages: readonly PageText[]): PageText[] {
  const ocr = pages.filter((p) => p.source === "ocr");
  const ocrBody = weightedMedian(
    ocr.flatMap((p) => {
      const body = bodySize(p);
      return body === null ? [] : [[body, p.items.reduce((n, it) => n + chars(it.str), 0)] as [number, number]];
    }),
  );
  if (ocrBody === null) return [...pages];
  const textItems = pages.filter((p) => p.source === "text-layer").flatMap((p) => p.items);
  const textChars = textItems.reduce((n, it) => n + chars(it.str), 0);
  const target =
    textChars >= MIN_TEXT_LAYER_CHARS
      ? (weightedMode(textItems.map((it) => [Math.round(it.height * 2) / 2, chars(it.str)])) ?? ocrBody)
      : ocrBody;
  const factor = target / ocrBody;
  return pages.map((page) => {
    if (page.source !== "ocr") return page;
    const body = bodySize(page);
    const snap = body !== null && Math.abs(body - ocrBody) <= SAME_SIZE * ocrBody;
    return {
      ...page,
      items: page.items.map((it) => {
        const height = round2((snap && it.height === body ? ocrBody : it.height) * factor);
        // The baseline (y + height) stays where it was.
        return { ...it, y: round2(it.y + it.height - height), height };
      }),
    };
  });
}
