/**
 * Light clean-up of OCR'd text, limited to what the extraction rules read: ligatures, apostrophes and
 * quotes as the corpus prints them (’ « »), dashes and bullets at the start of a line, table rules
 * read as "|", spacing around € and « », and letter/digit confusions inside numbers (O/0, l/1, I/1,
 * S/5) — only where a number is certain. Not a spell checker: words are never changed.
 */

const SP = "[ \\u00a0\\u202f]";
const CONFUSABLE = "0-9OoIlS";
const CURRENCY = "(?:€|M€|k€|EUR|euros?(?!\\p{L}))";
const MONTHS =
  "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";

const toDigits = (s: string): string => s.replace(/[Oo]/g, "0").replace(/[Il]/g, "1").replace(/S/g, "5");

// A run of digits and look-alikes holding at least one digit, not glued to a letter: "2O2O", "l7".
const NUMBER_RUN = new RegExp(`(?<![\\p{L}\\d])(?=[${CONFUSABLE}]*\\d)[${CONFUSABLE}]+(?![\\p{L}\\d])`, "gu");
// A day before a month name: "lO mars".
const DAY = new RegExp(`(?<![\\p{L}\\d])[${CONFUSABLE}]{1,2}(?=${SP}+(?:${MONTHS})(?!\\p{L}))`, "gu");
// Thousands groups of an amount followed by a currency: "3 OOO OOO €".
const AMOUNT = new RegExp(
  `(?<!\\d)\\d{1,3}(?:${SP}[${CONFUSABLE}]{3})+(?:,[${CONFUSABLE}]+)?(?=${SP}*${CURRENCY})`,
  "gu",
);

// A thousands separator OCR dropped before the groups of an amount: "2000 000 €".
const GLUED_THOUSANDS = new RegExp(
  `(?<![\\d\\p{L}])(\\d{1,3})(\\d{3})(?=(?:${SP}\\d{3})+(?:,\\d+)?${SP}*${CURRENCY})`,
  "gu",
);

/** Letters/digits confusions where the context says "number", and thousands groups of amounts. */
export function fixNumbers(s: string): string {
  return s
    .replace(NUMBER_RUN, toDigits)
    .replace(DAY, toDigits)
    .replace(AMOUNT, toDigits)
    .replace(GLUED_THOUSANDS, "$1 $2");
}

export interface CleanupContext {
  /** The text starts a visual line (bullets and list dashes are only looked for there). */
  lineStart?: boolean;
}

export function cleanOcrText(raw: string, ctx: CleanupContext = {}): string {
  let s = raw.normalize("NFC").replace(/[\ufb00-\ufb06]/g, (c) => c.normalize("NFKC"));
  s = s
    // Table rules read as characters.
    .replace(/[|¦]/g, " ")
    // Apostrophes: an elision ("d’Europe", even read "d' Europe"), then any other between letters.
    .replace(/(?<!\p{L})((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu))['‘’`´ʼ′]\s*(?=\p{L})/giu, "$1’")
    .replace(/(?<=\p{L})['‘`´ʼ′](?=\p{L})/gu, "’")
    // Double quotes: the corpus prints « ».
    .replace(/<<|≪/g, "«")
    .replace(/>>|≫/g, "»")
    .replace(/[“„"]([^“”„"]+)[”"]/g, "« $1 »")
    .replace(/«\s*/g, "« ")
    .replace(/\s*»/g, " »")
    // Dashes between words are en dashes ("Article 2 – Objet"); OCR reads -, — or "—-".
    .replace(/\s+(?:—-|-—|[—―-])\s+/g, " – ");
  if (ctx.lineStart) {
    s = s.replace(/^\s*(?:—-|-—|[—―-])\s+/, "– ").replace(/^\s*[*·◦▪●►]\s+/, "• ");
  }
  s = fixNumbers(s)
    // "4 ME" is "4 M€"; a lone E or £ after an amount is €.
    .replace(new RegExp(`(\\d${SP}?)M[EÉ£](?![\\p{L}\\d])`, "gu"), "$1M€")
    .replace(new RegExp(`(\\d{3}${SP})[E£](?![\\p{L}\\d])`, "gu"), "$1€")
    // A space between an amount and €, and after € before a word.
    .replace(/(\d)€/g, "$1 €")
    .replace(/€(?=\p{L})/gu, "€ ");
  return s.replace(/\s+/g, " ").trim();
}
