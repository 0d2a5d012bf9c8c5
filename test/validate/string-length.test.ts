import { describe, expect, it } from "vitest";
import { validateDocumentRecords } from "../../pipeline/validate/index.ts";
import { sampleRecords as records } from "../helpers/records.ts";

// JSON Schema counts characters (code points); a character outside the BMP is two UTF-16 units.
describe("string lengths count characters, not UTF-16 units", () => {
  it("accepts a 500-character title written with 1,000 UTF-16 units", () => {
    const { accord, engagements } = records();
    accord.titre = "📄".repeat(500);
    expect(validateDocumentRecords(accord, engagements)).toEqual([]);
  });

  it("rejects a 501-character title, with every error of the record", () => {
    const { accord, engagements } = records();
    accord.titre = "📄".repeat(501);
    accord.siren_region = "12";
    expect(validateDocumentRecords(accord, engagements)).toEqual([
      expect.objectContaining({ field: "titre", code: "schema-maxLength" }),
      expect.objectContaining({ field: "siren_region", code: "schema-pattern" }),
    ]);
  });

  it("a lone surrogate is one character, as in ajv", () => {
    const { accord, engagements } = records();
    accord.titre = "\ud800".repeat(501);
    expect(validateDocumentRecords(accord, engagements)).toEqual([
      expect.objectContaining({ field: "titre", code: "schema-maxLength" }),
    ]);
  });
});
