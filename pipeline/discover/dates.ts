import type { IsoDate } from "../types.ts";

// Keys are lower-case without accents and without a trailing dot ("févr." → "fevr").
const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  dec: 12,
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
};

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

function iso(year: number, month: number | undefined, day: number): IsoDate | null {
  if (month === undefined) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * A date as WordPress prints it, in French or English, to `YYYY-MM-DD`; null when it is not a
 * date. Numeric dates are day first (French order). A time after the date is ignored.
 */
export function parseDisplayDate(text: string): IsoDate | null {
  const s = fold(text);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})(?!\d)/.exec(s);
  if (m) return iso(Number(m[3]), MONTHS[m[2] ?? ""], Number(m[1]));
  m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?!\d)/.exec(s);
  if (m) return iso(Number(m[3]), MONTHS[m[1] ?? ""], Number(m[2]));
  return null;
}
