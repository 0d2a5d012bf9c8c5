/**
 * French dates, durations and periods of validity, as printed in agreements:
 * "le 1er juillet 2021", "17 juillet 2020", "3/03/2021", "pour une durée de six ans",
 * "le premier mars deux mille vingt-deux", "1er/03/2022", "soixante-quatre (64) mois", "jusqu'au 31 décembre 2026",
 * "jusqu'au terme de l'année 2028", "pour la période 2021-2026".
 */
import type { IsoDate } from "../types.ts";
import { fold, NUMBER_WORDS, parseFrenchNumberWords } from "./text.ts";

const MONTHS: [RegExp, number][] = [
  [/^janv/, 1],
  [/^f[eé]v/, 2],
  [/^mars/, 3],
  [/^avr/, 4],
  [/^mai/, 5],
  [/^juin/, 6],
  [/^juil/, 7],
  [/^ao[uû]/, 8],
  [/^sept/, 9],
  [/^oct/, 10],
  [/^nov/, 11],
  [/^d[eé]c/, 12],
];
const MONTH_WORD =
  "(?:janvier|janv\\.?|f[ée]vrier|f[ée]vr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|ao[uû]t|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?)";
const FIRST = "1\\s?(?:er|ᵉʳ)";
const DAY = `(?:${FIRST}|premier|[0-3]?\\d)`;
/** A year in digits or in words ("deux mille vingt-deux"). */
const YEAR = `(?:\\d{4}|deux[\\s-]+mille(?:[\\s-]+${NUMBER_WORDS})?)`;
/** Regex source of one French date, written out or numeric ("1er/03/2022" too). */
const DATE = `(?:${DAY}[\\s\\u00a0\\u202f]+${MONTH_WORD}[\\s\\u00a0\\u202f]+${YEAR}|(?:${FIRST}|[0-3]?\\d)[/.-][01]?\\d[/.-](?:\\d{4}|\\d{2}))`;

const DATE_RE = new RegExp(DATE, "iu");
/** "1er/03/2022": the day of a numeric date written as an ordinal. */
const NUMERIC_FIRST = new RegExp(`^${FIRST}(?=[/.-])`, "u");

const iso = (y: number, m: number, d: number): IsoDate | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

/** The first date in a string, as YYYY-MM-DD, or null. */
export function parseFrenchDate(s: string): IsoDate | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const t = m[0].replace(NUMERIC_FIRST, "1");
  const numeric = /^([0-3]?\d)[/.-]([01]?\d)[/.-](\d{4}|\d{2})$/.exec(t);
  if (numeric) {
    const y = Number(numeric[3]);
    return iso(y < 100 ? 2000 + y : y, Number(numeric[2]), Number(numeric[1]));
  }
  const words = /^(premier|\d{1,2})(?:\s?(?:er|ᵉʳ))?[\s\u00a0\u202f]+(\S+)[\s\u00a0\u202f]+(.+)$/iu.exec(t);
  if (!words) return null;
  const day = /^premier$/i.test(words[1] as string) ? 1 : Number(words[1]);
  const monthName = fold(words[2] as string);
  const month = MONTHS.find(([re]) => re.test(monthName))?.[1];
  const written = words[3] as string;
  const year = /^\d{4}$/.test(written) ? Number(written) : parseFrenchNumberWords(written);
  return month && year ? iso(year, month, day) : null;
}

const WEEKDAY = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
/** A date as a signature line writes it: "le lundi 5 juillet 2021", "le 03/03/2022", "5 juillet 2021". */
const SIGNED_ON = `(?:le\\s+)?(?:${WEEKDAY},?\\s+)?(${DATE})`;
/** "en deux exemplaires originaux", "en double exemplaire", "en autant d'exemplaires que de parties". */
const COPIES = `en\\s+[^,;.]{0,30}?exemplaires?(?:\\s+originaux)?(?:\\s+que\\s+de\\s+(?:parties|signataires))?`;
/**
 * "à Villeneuve d'Ascq", "au Touquet-Paris-Plage": a preposition, then the place up to what follows it on a
 * signature line (a comma, the end of the line, "le" and the date, "en N exemplaires").
 */
const AT_PLACE = `(à|a|aux?)\\s+([^,;.()\\d\\n]+?)(?=[ \\t\\u00a0\\u202f]*(?:[,;.(\\n]|$)|\\s+(?:le|en)\\s|\\s+${WEEKDAY}|\\s+\\d)`;
const SEP = "\\s*,?\\s*";
/**
 * After "Fait" / "Signé": the copies, place and date in either order ("Fait à Lille en deux exemplaires,
 * le 3 mars 2022", "Fait le 3 mars 2022 à Lille", "Fait en trois exemplaires à Amiens, le …").
 * Groups: place first → 1 preposition, 2 place, 3 date; date first → 4 date, 5 preposition, 6 place.
 */
const SIGNED = new RegExp(
  `(?<![\\p{L}])(?:fait(?:\\s+et\\s+sign[ée]e?s?)?|sign[ée]e?s?)(?:${SEP}${COPIES})?${SEP}` +
    `(?:${AT_PLACE}(?:${SEP}${COPIES})?(?:${SEP}${SIGNED_ON})?|${SIGNED_ON}(?:${SEP}${COPIES})?(?:${SEP}${AT_PLACE})?)`,
  "giu",
);
/** A date on its own line, as in a signature block: "À Arras, le 1er juillet 2021", "Le 12 septembre 2023". */
const DATED_LINE = new RegExp(
  `^\\s*(?:(?:(à|a|aux?)\\s+)?([^,\\d]+?),\\s+)?le\\s+(?:${WEEKDAY},?\\s+)?(${DATE})[.,]?\\s*$`,
  "iu",
);
/** Words of a place name: capitalised ("Saint-Omer", "d'Ascq", "Le Touquet-Paris-Plage") or a lower-case particle. */
const PLACE_WORD_SRC = "(?:\\p{Lu}[\\p{L}'’-]*|[dl]['’]\\p{Lu}[\\p{L}'’-]*|de|du|des|la|le|les|sur|sous|l[eè]s)";
const PLACE_WORD = new RegExp(`^${PLACE_WORD_SRC}$`, "u");
/** A date in a signature block: "le 3 octobre 2023", "Le 12 septembre 2023". */
const LE_DATE = new RegExp(`(?<![\\p{L}])le\\s+(?:${WEEKDAY},?\\s+)?(${DATE})`, "giu");
/**
 * The place just before such a date: "À Wallers, " (case-sensitive, so that the place starts with a capital and
 * the earliest preposition cannot swallow the words before the place).
 */
const PLACE_BEFORE = new RegExp(
  `(?<![\\p{L}])([àÀaA]|[aA]ux?)\\s+(\\p{Lu}[\\p{L}'’-]*(?:\\s+${PLACE_WORD_SRC}){0,5}),?\\s*$`,
  "u",
);

/** The place as a name ("au Touquet" → "Le Touquet"), or null when the words cannot be a place name. */
function placeName(preposition: string | undefined, words: string): string | null {
  const parts = words.trim().split(/\s+/);
  if (parts.length > 6 || !/^\p{Lu}/u.test(parts[0] ?? "") || !parts.every((w) => PLACE_WORD.test(w))) return null;
  const article = /^aux$/iu.test(preposition ?? "") ? "Les " : /^au$/iu.test(preposition ?? "") ? "Le " : "";
  return article + parts.join(" ");
}

export interface Signature {
  place: string | null;
  date: IsoDate | null;
}

/** "Fait à Lille, le 17 juillet 2020", "Signé le 03/03/2022": the line opened by "Fait" or "Signé". */
export function parseSignedLine(s: string): Signature | null {
  for (const m of s.matchAll(SIGNED)) {
    const place = m[2] ? placeName(m[1], m[2]) : m[6] ? placeName(m[5], m[6]) : null;
    const written = m[3] ?? m[4];
    // "qui fait à ce titre l'objet …" is no signature: a place must read as one, or a date must follow.
    if (place || written) return { place, date: written ? parseFrenchDate(written) : null };
  }
  return null;
}

/** "Fait à Lille, le 17 juillet 2020", or a dated place alone on its line → place and date (either may be missing). */
export function parseSignature(s: string): Signature | null {
  const signed = parseSignedLine(s);
  if (signed) return signed;
  const dated = parseDatedLine(s);
  return dated?.place ? dated : null;
}

/** A signature block's date alone on its line, with or without its place: "À Arras, le 1er juillet 2021". */
export function parseDatedLine(s: string): Signature | null {
  const dated = DATED_LINE.exec(s);
  if (!dated) return null;
  const place = dated[2] ? placeName(dated[1], dated[2]) : null;
  // "Arras, le …" is a dated place; "Toute modification faite, le …" is not.
  if (dated[2] && !place) return null;
  return { place, date: parseFrenchDate(dated[3] as string) };
}

/**
 * Every "(À X,) le <date>" of a signature block, in order, wherever the line starts: side-by-side blocks
 * read as one paragraph ("… À Lille, le 12 septembre 2023 … À Wallers, le 3 octobre 2023 …").
 */
export function datedMentions(s: string): { place: string | null; date: IsoDate }[] {
  const out: { place: string | null; date: IsoDate }[] = [];
  for (const m of s.matchAll(LE_DATE)) {
    const date = parseFrenchDate(m[1] as string);
    const before = PLACE_BEFORE.exec(s.slice(Math.max(0, m.index - 80), m.index));
    if (date) out.push({ place: before ? placeName(before[1], before[2] as string) : null, date });
  }
  return out;
}

/** Months of a stated duration: "six ans" → 72, "soixante-quatre (64) mois" → 64, "3 années" → 36. */
export function parseDuration(s: string): number | null {
  const re = new RegExp(
    `(?:dur[ée]e|p[ée]riode|conclue?s?|valable|engag[ée]e?s?)\\s+(?:totale\\s+)?(?:de\\s+|pour\\s+(?:une\\s+(?:dur[ée]e|p[ée]riode)\\s+de\\s+)?)?(\\d{1,3}|${NUMBER_WORDS})(?:\\s*\\((\\d{1,3})\\))?\\s+(ans?|ann[ée]es?|mois)(?![\\p{L}])`,
    "iu",
  );
  const m = re.exec(s);
  if (!m) return null;
  const n = m[2] ? Number(m[2]) : /^\d+$/.test(m[1] as string) ? Number(m[1]) : parseFrenchNumberWords(m[1] as string);
  if (n === null || !(n > 0)) return null;
  return /^mois$/i.test(m[3] as string) ? n : n * 12;
}

export interface Validity {
  start: IsoDate | null;
  end: IsoDate | null;
}

/** "jusqu'au terme de l'année 2028", "jusqu'à la fin de l'année 2028", "prend fin à la fin 2028": the end of a year. */
const YEAR_END =
  /(?:jusqu['’]\s*(?:au|[àa](?:\s+la)?)|(?:prend fin|s['’]ach[èe]ve|expire|se termine)\s+(?:au|[àa]\s+la))\s+(?:terme|fin)\s+(?:de\s+)?(?:l['’]\s*ann[ée]e\s+)?(\d{4})(?!\d)/iu;

/** Start and end of validity stated in a sentence ("du 1er avril 2020 au 31 décembre 2026", …). */
export function parseValidity(s: string): Validity {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  const range = new RegExp(`\\bdu\\s+(${DATE})\\s+(?:au|jusqu['’]au)\\s+(${DATE})`, "iu").exec(s);
  if (range) {
    start = parseFrenchDate(range[1] as string);
    end = parseFrenchDate(range[2] as string);
  }
  const from = new RegExp(
    `(?:[àa] compter du|[àa] partir du|prend effet (?:le|au|[àa] compter du)|entre en vigueur (?:le|au)|effet au|débute le|commence le)\\s+(${DATE})`,
    "iu",
  ).exec(s);
  if (!start && from) start = parseFrenchDate(from[1] as string);
  const to = new RegExp(
    `(?:jusqu['’]au|prend fin le|expire le|s['’]ach[èe]ve le|se termine le|échéance (?:le|au)|terme (?:le|au))\\s+(${DATE})`,
    "iu",
  ).exec(s);
  if (!end && to) end = parseFrenchDate(to[1] as string);
  const yearEnd = YEAR_END.exec(s);
  if (!end && yearEnd) end = `${yearEnd[1]}-12-31`;
  if (!start && !end) {
    const period = /p[ée]riode\s+(?:de\s+|allant\s+de\s+)?(20\d{2})\s*(?:-|–|à|au)\s*(20\d{2})/iu.exec(s);
    if (period) {
      start = `${period[1]}-01-01`;
      end = `${period[2]}-12-31`;
    }
  }
  return { start, end };
}

/**
 * "Le présent accord prend effet à la date de sa signature", "… est conclu pour cinq ans à compter de sa signature":
 * the start of validity is the signature date. A notification comes at an unstated later date: no start is known.
 */
const AT_SIGNATURE = new RegExp(
  `(?:prend(?:ra)? effet|entre(?:ra)? en vigueur|s['’]applique|est applicable)\\s+(?:[àa]\\s+(?:compter\\s+de\\s+)?|d[èe]s\\s+|le\\s+jour\\s+de\\s+)(?:la\\s+date\\s+de\\s+)?(?:sa|la)\\s+signature\\b` +
    "|(?:[àa]\\s+(?:compter|partir)\\s+de|d[èe]s)\\s+(?:la\\s+date\\s+de\\s+)?sa\\s+signature\\b",
  "iu",
);

/** Whether a sentence starts the agreement's validity at its signature. */
export function startsAtSignature(s: string): boolean {
  return AT_SIGNATURE.test(s);
}
