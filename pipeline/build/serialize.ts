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
  if (typeof value === "string") return neutraliseFormula(value);
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (Array.isArray(value)) return neutraliseFormula(axesToCsv(value as Axis[]));
  return neutraliseFormula(String(value));
}

/**
 * Header then one line per record, RFC 4180 quoting by csv-stringify, without the final newline.
 * csv-stringify quotes a cell with a line feed but not one with a lone carriage return, which
 * spreadsheets and Python's csv module read as the end of the record.
 */
function csvLines<T extends object>(records: T[], columns: (keyof T)[]): string {
  const rows: string[][] = [columns as string[]];
  for (const r of records) rows.push(columns.map((c) => cell(r[c])));
  return stringify(rows, { record_delimiter: "\n", quoted_match: /\r/ }).slice(0, -1);
}

/**
 * A record with keys in column order and null for missing values. Records built by `toRecords`
 * usually have exactly these keys already, and serialise as they are: no copy of 40,000 records.
 */
function inColumnOrder<T extends object>(record: T, columns: (keyof T)[]): object {
  const keys = Object.keys(record);
  if (keys.length === columns.length && columns.every((c, i) => keys[i] === c && record[c] !== undefined))
    return record;
  const ordered: Partial<Record<keyof T, unknown>> = {};
  for (const c of columns) ordered[c] = record[c] ?? null;
  return ordered;
}

function jsonArray<T extends object>(records: T[], columns: (keyof T)[]): string {
  return JSON.stringify(
    records.map((r) => inColumnOrder(r, columns)),
    null,
    2,
  );
}

/** UTF-8 bytes of `text` and the newline every published text file ends with: measured then written once, faster than Buffer.from on 25 MB. */
function utf8WithNewline(text: string): Buffer {
  const size = Buffer.byteLength(text, "utf8");
  const bytes = Buffer.allocUnsafe(size + 1);
  bytes.write(text, 0, size, "utf8");
  bytes[size] = 0x0a;
  return bytes;
}

function sortAccords(records: AccordRecord[]): AccordRecord[] {
  return [...records].sort((a, b) => compareIds(a.id_accord, b.id_accord));
}

function sortEngagements(records: EngagementRecord[]): EngagementRecord[] {
  return [...records].sort((a, b) => compareIds(a.id_engagement, b.id_engagement));
}

/** The UTF-8 bytes of the four published record files, records sorted once for both formats. */
export function datasetBytes(accords: AccordRecord[], engagements: EngagementRecord[]) {
  const a = sortAccords(accords);
  const e = sortEngagements(engagements);
  return {
    accordsCsv: utf8WithNewline(csvLines(a, ACCORD_COLUMNS)),
    accordsJson: utf8WithNewline(jsonArray(a, ACCORD_COLUMNS)),
    engagementsCsv: utf8WithNewline(csvLines(e, ENGAGEMENT_COLUMNS)),
    engagementsJson: utf8WithNewline(jsonArray(e, ENGAGEMENT_COLUMNS)),
  };
}
