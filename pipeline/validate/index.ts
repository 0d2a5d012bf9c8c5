import type { ErrorObject, ValidateFunction } from "ajv";
import accordSchema from "../../schemas/accord.schema.json" with { type: "json" };
import engagementSchema from "../../schemas/engagement.schema.json" with { type: "json" };
import type { AccordRecord, Diagnostic, EngagementRecord } from "../types.ts";
import { createAjv } from "./ajv.ts";

const complete = createAjv();
const quick = createAjv({ quick: true });
const accordValidators = { quick: quick.compile(accordSchema), complete: complete.compile(accordSchema) };
const engagementValidators = { quick: quick.compile(engagementSchema), complete: complete.compile(engagementSchema) };

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Whether any string in a JSON value, property names included, holds a character outside the BMP. */
function hasSurrogatePair(value: unknown): boolean {
  if (typeof value === "string") return SURROGATE_PAIR.test(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(hasSurrogatePair);
  for (const key in value) {
    if (SURROGATE_PAIR.test(key) || hasSurrogatePair((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * The schema errors of one record, all of them, or null when it is valid. Nearly every record is
 * valid, so the quick validator decides first; its answer is exact because it only sees records
 * whose string lengths are the same in code units and in code points (see `createAjv`).
 */
function schemaErrors(validators: { quick: ValidateFunction; complete: ValidateFunction }, record: unknown) {
  if (!hasSurrogatePair(record) && validators.quick(record)) return null;
  return validators.complete(record) ? null : validators.complete.errors;
}

function schemaDiagnostics(errors: ErrorObject[] | null | undefined, document: string, page?: number): Diagnostic[] {
  return (errors ?? []).map((e) => {
    const field =
      e.instancePath.replace(/^\//, "") || String(e.params.missingProperty ?? e.params.additionalProperty ?? "");
    return {
      stage: "validate",
      code: `schema-${e.keyword}`,
      message: `${field || "record"} ${e.message ?? "is invalid"} (${e.schemaPath})`,
      document,
      ...(page === undefined ? {} : { page }),
      ...(field ? { field } : {}),
    };
  });
}

/** Checks one document's records against the JSON Schemas; an empty list means they may be published. */
export function validateDocumentRecords(accord: AccordRecord, engagements: EngagementRecord[]): Diagnostic[] {
  const document = accord.nom_fichier;
  const problems: Diagnostic[] = [];
  const accordErrors = schemaErrors(accordValidators, accord);
  if (accordErrors) problems.push(...schemaDiagnostics(accordErrors, document));
  for (const e of engagements) {
    const errors = schemaErrors(engagementValidators, e);
    if (errors) problems.push(...schemaDiagnostics(errors, document, e.page));
    if (e.id_accord !== accord.id_accord) {
      problems.push(
        rule(document, "foreign-key", `engagement ${e.id_engagement} points to ${e.id_accord}`, "id_accord"),
      );
    }
  }
  if (accord.nombre_engagements !== engagements.length) {
    problems.push(
      rule(
        document,
        "count",
        `nombre_engagements is ${accord.nombre_engagements} but ${engagements.length} engagements`,
        "nombre_engagements",
      ),
    );
  }
  return problems;
}

/** Cross-record rules over a whole dataset: unique identifiers, every id_accord exists, counts match. */
export function validateDataset(accords: AccordRecord[], engagements: EngagementRecord[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const byAccord = new Map<string, number>();
  const accordIds = new Set<string>();
  for (const a of accords) {
    if (accordIds.has(a.id_accord))
      problems.push(rule(a.nom_fichier, "unique", `duplicate id_accord ${a.id_accord}`, "id_accord"));
    accordIds.add(a.id_accord);
  }
  const engagementIds = new Set<string>();
  for (const e of engagements) {
    if (engagementIds.has(e.id_engagement)) {
      problems.push(rule(e.id_accord, "unique", `duplicate id_engagement ${e.id_engagement}`, "id_engagement"));
    }
    engagementIds.add(e.id_engagement);
    if (!accordIds.has(e.id_accord)) {
      problems.push(
        rule(e.id_accord, "foreign-key", `engagement ${e.id_engagement}: no accord ${e.id_accord}`, "id_accord"),
      );
    }
    byAccord.set(e.id_accord, (byAccord.get(e.id_accord) ?? 0) + 1);
  }
  for (const a of accords) {
    const n = byAccord.get(a.id_accord) ?? 0;
    if (n !== a.nombre_engagements) {
      problems.push(
        rule(
          a.nom_fichier,
          "count",
          `nombre_engagements is ${a.nombre_engagements} but ${n} engagements`,
          "nombre_engagements",
        ),
      );
    }
  }
  return problems;
}

function rule(document: string, code: string, message: string, field: string): Diagnostic {
  return { stage: "validate", code, message, document, field };
}
