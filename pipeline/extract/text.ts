/** Small text helpers shared by the extraction rules (pure functions). */

/** Every kind of space a PDF may carry (NBSP, narrow NBSP, thin, figure…), for regexes. */
export const SPACE_CHARS = "\\s\\u00a0\\u202f\\u2007\\u2009\\u200a\\u2002-\\u2006\\u3000";

const SPACE_RUN = new RegExp(`[${SPACE_CHARS}]+`, "g");
const SPACE = new RegExp(`[${SPACE_CHARS}]`, "g");

/**
 * What cleanSpaces changes (SPACE_CHARS are all white space for `\s`): most strings are lines of text
 * already clean, and one scan costs less than the replacements.
 */
const UNCLEAN = /\u00ad|[^\S ]| {2}|^ | $/;

/** Glyphs that mark a list item ("•", "▪", "–", "➢", Wingdings' private-use bullets…), as a regex character class. */
export const BULLET_CLASS = "[•▪■□◦●○‣⁃∙·\\-–—−*►➢➤✓✔→◆◇❖\\uf0a7\\uf0b7\\uf0d8\\uf076\\uf0fc\\uf02d\\uf0a8]";

/** Unicode spaces become plain spaces, runs collapse, ends are trimmed; soft hyphens vanish. */
export function cleanSpaces(s: string): string {
  if (!UNCLEAN.test(s)) return s;
  return s
    .replace(/\u00ad/g, "")
    .replace(SPACE_RUN, " ")
    .trim();
}

/** Lower case, no accents, straight apostrophes, single spaces: for matching, never for output. */
export function fold(s: string): string {
  return cleanSpaces(s)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘ʼ`´′]/g, "'")
    .replace(/[‐‑‒–—―−]/g, "-");
}

const LETTER = /^\p{L}$/u;
/** Whether a code point is a letter, learnt on first sight: a page repeats a few dozen characters thousands of times. */
const letters = new Map<number, boolean>();
const isLetter = (cp: number): boolean => {
  let known = letters.get(cp);
  if (known === undefined) {
    known = LETTER.test(String.fromCodePoint(cp));
    letters.set(cp, known);
  }
  return known;
};

/**
 * Letters in a string (for "is there a usable text layer" checks), counted in code points. Matching
 * \p{L} letter by letter costs more than the rest of a page's rules.
 */
export function letterCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) i++; // the second half of a surrogate pair
    if (isLetter(cp)) n++;
  }
  return n;
}

/** Strip a leading French article: "la Métropole européenne de Lille" → "Métropole européenne de Lille". */
export function stripArticle(s: string): string {
  // A whole word: "Lens" and "Lannoy" keep their first letters, "les Parties" loses "les".
  return s.replace(/^(?:(?:les|la|le)\s+|l['’]\s*)/i, "").trim();
}

const UNITS: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  vingts: 20,
  cent: 100,
  cents: 100,
  mille: 1e3,
  million: 1e6,
  millions: 1e6,
  milliard: 1e9,
  milliards: 1e9,
};

const NUMBER_WORD = `(?:${Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join("|")})(?![\\p{L}])`;

/** Regex source (needs the `u` flag) for a French number in words: "six", "soixante-quatre", "vingt et un". */
export const NUMBER_WORDS = `${NUMBER_WORD}(?:[\\s-]+(?:et[\\s-]+)?${NUMBER_WORD})*`;

/**
 * Value of a French number in words ("six" → 6, "soixante-quatre" → 64, "quatre-vingt-dix" → 90,
 * "quatre cent mille" → 400 000, "un million deux cent mille" → 1 200 000), or null when a word is not a number word.
 */
export function parseFrenchNumberWords(s: string): number | null {
  const words = fold(s)
    .split(/[\s-]+/)
    .filter((w) => w && w !== "et");
  if (words.length === 0) return null;
  // "current" is the group below 1000; "mille", "million", "milliard" multiply it and close it into "total".
  let total = 0;
  let current = 0;
  for (const w of words) {
    const v = UNITS[w];
    if (v === undefined) return null;
    if (v >= 1000) {
      total += (current || 1) * v;
      current = 0;
    } else if (v === 100) current = (current || 1) * 100;
    else if (v === 20 && current % 100 === 4) current = current - 4 + 80;
    else current += v;
  }
  return total + current;
}

/** A number written with digits, French style ("1 500 000", "1,5", "2.000.000"), or null. */
export function parseFrenchNumber(s: string): number | null {
  const t = s.replace(SPACE, "");
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (/^\d+(?:,\d+)?$/.test(t)) return Number(t.replace(",", "."));
  if (/^\d+\.\d+$/.test(t)) return Number(t);
  return null;
}
