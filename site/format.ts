/**
 * French formatting, written out rather than left to Intl so that the output does not depend on
 * the ICU data of the Node build (the site must be byte-identical from one machine to another).
 */

/** U+202F, the narrow no-break space French uses between groups of thousands. */
const GROUP = "\u202f";
const NBSP = "\u00a0";

/** Month names, January first. */
export const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
}

/** `1234567` → `1 234 567`; `1234.5` → `1 234,5` (at most `decimals` digits after the comma, trailing zeros kept). */
export function formatNumber(value: number, decimals = 0): string {
  const sign = value < 0 ? "-" : "";
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  return `${sign}${groupThousands(whole)}${fraction ? `,${fraction}` : ""}`;
}

/** `1800000` → `1 800 000 €`; cents only when there are some: `1234.5` → `1 234,50 €`. */
export function formatEuros(value: number): string {
  const cents = Math.round(value * 100);
  return `${formatNumber(cents / 100, cents % 100 === 0 ? 0 : 2)}${NBSP}€`;
}

/** `2026-11-26` → `26 novembre 2026`, `2020-03-01` → `1er mars 2020`; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return iso;
  const day = Number(match[3]);
  return `${day === 1 ? "1er" : day}${NBSP}${month} ${match[1]}`;
}

/** Sizes in SI units, as French software shows them: `812 octets`, `70,5 ko`, `1,2 Mo`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes}${NBSP}octet${bytes < 2 ? "" : "s"}`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1000, 1)}${NBSP}ko`;
  return `${formatNumber(bytes / 1_000_000, 1)}${NBSP}Mo`;
}

/** French agreement of a counted noun: 0 and 1 take the singular. `count(3, "accord")` → `3 accords`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)}${NBSP}${n < 2 ? singular : plural}`;
}
