import { describe, expect, it } from "vitest";
import type { AccordRecord, EngagementRecord } from "../../pipeline/types.ts";
import { validateDataset, validateDocumentRecords } from "../../pipeline/validate/index.ts";
import { sampleRecords as records } from "../helpers/records.ts";

describe("validate", () => {
  it("records built from a sound extraction pass the JSON Schemas", () => {
    const { accord, engagements } = records();
    expect(validateDocumentRecords(accord, engagements)).toEqual([]);
    expect(validateDataset([accord], engagements)).toEqual([]);
  });

  it("names the document, page, field and rule of an invalid engagement", () => {
    const { accord, engagements } = records();
    (engagements[1] as { porteur: string }).porteur = "état";
    (engagements[1] as { montant_euros: number }).montant_euros = -5;
    const problems = validateDocumentRecords(accord, engagements);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          document: "Accord-cadre-Region-MEL.pdf",
          page: 4,
          field: "porteur",
          code: "schema-enum",
        }),
        expect.objectContaining({ page: 4, field: "montant_euros", code: "schema-minimum" }),
      ]),
    );
  });

  it("rejects dates that are not ISO 8601 and unknown fields", () => {
    const { accord, engagements } = records();
    const bad = { ...accord, date_signature: "17/07/2020", extra: 1 } as unknown as AccordRecord;
    const fields = validateDocumentRecords(bad, engagements).map((p) => `${p.field}:${p.code}`);
    expect(fields).toEqual(
      expect.arrayContaining(["date_signature:schema-format", "extra:schema-additionalProperties"]),
    );
  });

  it("cross-record rules: unique ids, existing id_accord, matching counts", () => {
    const { accord, engagements } = records();
    const orphan = { ...(engagements[0] as EngagementRecord), id_accord: "ailleurs" };
    const codes = validateDataset([accord, accord], [...engagements, engagements[0] as EngagementRecord, orphan]).map(
      (p) => p.code,
    );
    expect(codes).toEqual(expect.arrayContaining(["unique", "foreign-key", "count"]));
  });
});
