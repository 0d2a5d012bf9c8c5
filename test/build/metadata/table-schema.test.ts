import { describe, expect, it } from "vitest";
import { buildSchemaFiles } from "../../../pipeline/build/metadata/index.ts";
import { TABLES, tablePattern, tableSchema } from "../../../pipeline/build/metadata/table-schema.ts";
import accordSchema from "../../../schemas/accord.schema.json" with { type: "json" };
import engagementSchema from "../../../schemas/engagement.schema.json" with { type: "json" };
import { dataFiles, frictionlessValidator, json, records, SLUG, text } from "./helpers.ts";

const accords = tableSchema(TABLES[0] as (typeof TABLES)[0]);
const engagements = tableSchema(TABLES[1] as (typeof TABLES)[1]);
const field = (schema: typeof accords, name: string) => schema.fields.find((f) => f.name === name);

describe("Table Schemas derived from the record JSON Schemas", () => {
  it("have one field per JSON Schema property, in the same order, with its description", () => {
    for (const [schema, source] of [
      [accords, accordSchema],
      [engagements, engagementSchema],
    ] as const) {
      expect(schema.fields.map((f) => f.name)).toEqual(Object.keys(source.properties));
      for (const [name, property] of Object.entries(source.properties)) {
        expect(field(schema, name)?.description).toBe(property.description);
      }
    }
  });

  it("give JSON Schema types their CSV form", () => {
    expect(field(accords, "date_signature")).toMatchObject({ type: "date" });
    expect(field(accords, "url_document")).toMatchObject({ type: "string", format: "uri" });
    expect(field(accords, "duree_mois")).toMatchObject({ type: "integer", constraints: { minimum: 1, maximum: 600 } });
    expect(field(engagements, "montant_euros")).toMatchObject({ type: "number", constraints: { minimum: 0 } });
    // axes is an array in JSON and "1 : intitulé ; 2 : intitulé" in the CSV
    expect(field(accords, "axes")).toMatchObject({ type: "string", example: "1 : Conforter l'excellence économique" });
  });

  it("require a cell only where null is not allowed", () => {
    expect(field(accords, "id_accord")?.constraints?.required).toBe(true);
    expect(field(accords, "nombre_engagements")?.constraints?.required).toBe(true);
    expect(field(accords, "siren_partenaire")?.constraints?.required).toBeUndefined();
    expect(field(accords, "date_fin")?.constraints?.required).toBeUndefined();
    expect(field(accords, "axes")?.constraints?.required).toBeUndefined(); // an empty list is an empty cell
  });

  it("keep enumerations without null, and string examples", () => {
    expect(field(accords, "nature_partenaire")?.constraints?.enum).toEqual(
      accordSchema.properties.nature_partenaire.enum.filter((v) => v !== null),
    );
    expect(field(engagements, "porteur")?.constraints?.enum).toEqual(["region", "partenaire", "conjoint"]);
    for (const f of [...accords.fields, ...engagements.fields]) expect(typeof f.example).toBe("string");
  });

  it("turn searching JSON Schema patterns into whole-value patterns that accept the same values", () => {
    expect(tablePattern("^[0-9]{9}$")).toBe("[0-9]{9}");
    expect(tablePattern("^[a-z0-9]+(?:-[a-z0-9]+)*$")).toBe("[a-z0-9]+(-[a-z0-9]+)*");
    expect(tablePattern("abc")).toBe(".*(abc).*");
    const samples = [
      "accord-alpha",
      "Accord",
      "a--b",
      "200053742",
      "20005374",
      "Accord MEL.pdf",
      "a/b.pdf",
      "x\u0001.pdf",
    ];
    for (const schema of [accordSchema, engagementSchema]) {
      for (const [name, property] of Object.entries(schema.properties)) {
        if (!("pattern" in property)) continue;
        const json = new RegExp(property.pattern as string, "u");
        const table = new RegExp(`^(?:${tablePattern(property.pattern as string)})$`, "u");
        for (const value of samples) expect(table.test(value), `${name}: ${value}`).toBe(json.test(value));
      }
    }
  });

  it("declare the primary keys and the link from engagements to accords", () => {
    expect(accords.primaryKey).toEqual(["id_accord"]);
    expect(field(accords, "id_accord")?.constraints?.unique).toBe(true);
    expect(engagements.primaryKey).toEqual(["id_engagement"]);
    expect(engagements.foreignKeys).toEqual([
      { fields: ["id_accord"], reference: { resource: "accords", fields: ["id_accord"] } },
    ]);
    expect(accords.missingValues).toEqual([""]);
  });

  it("name the columns of the CSV files the build stage writes", () => {
    const files = dataFiles(records());
    for (const [schema, path] of [
      [accords, "accords.csv"],
      [engagements, "engagements.csv"],
    ] as const) {
      const header = text(files.find((f) => f.path === `${SLUG}/${path}`)).split("\n")[0];
      expect(header?.split(",")).toEqual(schema.fields.map((f) => f.name));
    }
  });
});

describe("buildSchemaFiles", () => {
  const files = buildSchemaFiles();

  it("publishes both Table Schemas, valid against the official Table Schema v2 profile", () => {
    const validate = frictionlessValidator("tableschema.json");
    for (const name of ["schemas/accords.tableschema.json", "schemas/engagements.tableschema.json"]) {
      const schema = json(files.find((f) => f.path === name));
      expect(validate(schema) ? [] : validate.errors, name).toEqual([]);
    }
  });

  it("publishes the record JSON Schemas unchanged", () => {
    expect(json(files.find((f) => f.path === "schemas/accord.schema.json"))).toEqual(accordSchema);
    expect(json(files.find((f) => f.path === "schemas/engagement.schema.json"))).toEqual(engagementSchema);
  });
});
