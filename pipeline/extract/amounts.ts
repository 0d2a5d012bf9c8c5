/**
 * Amounts in euros as printed: "1,5 M€", "2 millions d'euros", "350 000 €" (with any kind of
 * space), "12 500 euros HT", "250 k€". Areas ("40 000 m²"), shares ("50 %") and a dash ("–")
 * are not amounts.
 */
import { NUMBER_WORDS, parseFrenchNumber, parseFrenchNumberWords, SPACE_CHARS } from "./text.ts";

const S = `[${SPACE_CHARS}]`;
const NUM = `\\d{1,3}(?:${S}\\d{3})+(?:,\\d+)?|\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:[.,]\\d+)?`;
const UNIT = [
  `(?<md>Md${S}?€|milliards?${S}+d['’]${S}?euros|milliards?${S}+(?:€|EUR))`,
  `(?<m>M${S}?€|M${S}?EUR|millions?${S}+d['’]${S}?euros|millions?${S}+(?:€|EUR))`,
  `(?<k>k${S}?€|K${S}?€|milliers?${S}+d['’]${S}?euros)`,
  "(?<e>€|euros?(?![\\p{L}])|EUR(?![\\p{L}]))",
].join("|");
const AMOUNT = new RegExp(`(?<![\\d,.])(?<n>${NUM}|${NUMBER_WORDS})${S}*(?:${UNIT})`, "iu");

/** The first amount in euros stated in a text, or null. */
export function parseAmount(text: string): number | null {
  const m = AMOUNT.exec(text);
  if (!m?.groups) return null;
  const raw = m.groups.n as string;
  const n = /\d/.test(raw) ? parseFrenchNumber(raw) : parseFrenchNumberWords(raw);
  if (n === null) return null;
  const factor = m.groups.md ? 1e9 : m.groups.m ? 1e6 : m.groups.k ? 1e3 : 1;
  return Math.round(n * factor * 100) / 100;
}
