import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_METADATA_CONFIG, resolveMetadataConfig } from "../../../pipeline/build/metadata/index.ts";
import { createAjv } from "../../../pipeline/validate/ajv.ts";
import metadataConfigSchema from "../../../schemas/metadata-config.schema.json" with { type: "json" };
import { readStandard } from "./helpers.ts";

describe("metadata configuration", () => {
  const validate = createAjv().compile(metadataConfigSchema);

  it("accepts the defaults and an empty section, and refuses unknown fields and bases without a final slash", () => {
    expect(validate(DEFAULT_METADATA_CONFIG) ? [] : validate.errors).toEqual([]);
    expect(validate({})).toBe(true);
    expect(validate({ licence_uri: "https://example.org" })).toBe(false);
    expect(validate({ publicBaseUrl: "https://example.org/datasets" })).toBe(false);
    expect(validate({ contactPoint: { name: "Données" } })).toBe(false); // neither email nor URL
  });

  it("serves the schemas next to the data unless told otherwise", () => {
    const config = resolveMetadataConfig({ publicBaseUrl: "https://example.org/open/" });
    expect(config.schemaBaseUrl).toBe("https://example.org/open/schemas/");
    expect(config.licence).toEqual(DEFAULT_METADATA_CONFIG.licence);
    expect(DEFAULT_METADATA_CONFIG.publicBaseUrl).toBe(
      "https://raw.githubusercontent.com/accords-ouverts/accords-ouverts/main/datasets/",
    );
  });
});

describe("the standards the pipeline validates with", () => {
  const runtime = (file: string) =>
    readFileSync(new URL(`../../../pipeline/build/metadata/standards/${file}`, import.meta.url), "utf8");

  it("say the same as the untouched copies", () => {
    expect(JSON.parse(runtime("frictionless/v2/datapackage.json"))).toEqual(
      JSON.parse(readStandard("frictionless/v2/datapackage.json")),
    );
    for (const file of ["dcat-ap/3.0.1/shapes.ttl", "dcat-ap/3.0.1/shapes_recommended.ttl"]) {
      expect(runtime(file), file).toBe(readStandard(file));
    }
  });
});
