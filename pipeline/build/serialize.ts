import { stringify } from "csv-stringify/sync";
import accordSchema from "../../schemas/accord.schema.json" with { type: "json" };
import engagementSchema from "../../schemas/engagement.schema.json" with { type: "json" };
import type { AccordRecord, Axis, EngagementRecord } from "../types.ts";
import { compareIds } from "./records.ts";

/** Column order is the order of the JSON Schema's properties, i.e. the data contract's. */
export const ACCORD_COLUMNS = Object.keys(accordSchema.properties) as (keyof AccordRecord)[];
export const ENGAGEMENT_COLUMNS = Object.keys(engagementSchema.properties) as (keyof EngagementRecord)[];

/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab or CR would be run as a
 * formula by Excel or LibreOffice. Such cells get a leading apostrophe in the CSV only (the
 * OWASP recommendation); the JSON keeps the exact text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** "1 : intitulé ; 2 : intitulé", the contract's CSV form of the axes. */
export function axesToCsv(axes: Axis[]): string {
  return axes.map((a) => `${a.numero} : ${a.intitule}`).join(" ; ");
}

/** Null is an empty cell, numbers never use exponents, the only array (axes) uses the contract's form. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (Array.isArray(value)) return neutraliseFormula(axesToCsv(value as Axis[]));
  return neutraliseFormula(String(value));
}

function toCsv<T extends object>(records: T[], columns: (keyof T)[]): string {
  const rows = records.map((r) => columns.map((c) => cell(r[c])));
  return stringify([columns as string[], ...rows], { record_delimiter: "\n" });
}

function toJson<T extends object>(records: T[], columns: (keyof T)[]): string {
  const ordered = records.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export function sortAccords(records: AccordRecord[]): AccordRecord[] {
  return [...records].sort((a, b) => compareIds(a.id_accord, b.id_accord));
}

export function sortEngagements(records: EngagementRecord[]): EngagementRecord[] {
  return [...records].sort((a, b) => compareIds(a.id_engagement, b.id_engagement));
}

export const accordsCsv = (records: AccordRecord[]) => toCsv(sortAccords(records), ACCORD_COLUMNS);
export const accordsJson = (records: AccordRecord[]) => toJson(sortAccords(records), ACCORD_COLUMNS);
export const engagementsCsv = (records: EngagementRecord[]) => toCsv(sortEngagements(records), ENGAGEMENT_COLUMNS);
export const engagementsJson = (records: EngagementRecord[]) => toJson(sortEngagements(records), ENGAGEMENT_COLUMNS);
