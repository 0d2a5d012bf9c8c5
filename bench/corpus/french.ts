/** How French administrative documents print dates, numbers and amounts. */
import { MONTHS } from "../../site/format.ts";

/** No-break space: between digit groups and before the currency sign. */
export const NBSP = "\u00a0";

export interface Day {
  year: number;
  month: number;
  day: number;
}

/** "1er septembre 2020", "17 juillet 2020". */
export function frenchDate(d: Day): string {
  return `${d.day === 1 ? "1er" : d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

export function isoDate(d: Day): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const UNITS = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
];
const TENS = [
  "",
  "dix",
  "vingt",
  "trente",
  "quarante",
  "cinquante",
  "soixante",
  "soixante",
  "quatre-vingt",
  "quatre-vingt",
];

/** 0–99 in words, 1990 spelling: "soixante-quatre", "soixante et onze", "quatre-vingts". */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`numberWords: ${n}`);
  if (n <= 16) return UNITS[n] as string;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  const ten = Math.floor(n / 10);
  const unit = n % 10;
  const base = TENS[ten] as string;
  if (ten === 7 || ten === 9) {
    const rest = 10 + unit;
    return ten === 7 && unit === 1 ? "soixante et onze" : `${base}-${numberWords(rest)}`;
  }
  if (unit === 0) return ten === 8 ? "quatre-vingts" : base;
  if (unit === 1 && ten !== 8) return `${base} et un`;
  return `${base}-${UNITS[unit]}`;
}

/** "1 500 000" with no-break spaces between groups of three digits. */
export function groupDigits(n: number, separator = NBSP): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "200 053 742" */
export function formatSiren(siren: string, separator = " "): string {
  return `${siren.slice(0, 3)}${separator}${siren.slice(3, 6)}${separator}${siren.slice(6)}`;
}

export type AmountStyle = "meur" | "euro-sign" | "euros" | "millions";

/** Amounts as agreements print them: "2,5 M€", "1 500 000 €", "800 000 euros", "3 millions d’euros". */
export function formatAmount(value: number, style: AmountStyle): string {
  const millions = String(value / 1_000_000).replace(".", ",");
  switch (style) {
    case "meur":
      return `${millions}${NBSP}M€`;
    case "euro-sign":
      return `${groupDigits(value)}${NBSP}€`;
    case "euros":
      return `${groupDigits(value)} euros`;
    case "millions":
      return `${millions} ${value >= 2_000_000 ? "millions" : "million"} d’euros`;
  }
}

/** The styles that print `value` naturally: millions only for round hundreds of thousands, from 1 M€. */
export function amountStylesFor(value: number): AmountStyle[] {
  return value % 100_000 === 0 && value >= 1_000_000
    ? ["meur", "euro-sign", "euros", "millions"]
    : ["euro-sign", "euros"];
}

/** Sentence case for a phrase that starts a sentence ("la Métropole" → "La Métropole"). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
