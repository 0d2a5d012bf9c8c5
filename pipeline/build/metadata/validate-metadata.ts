import { readFile } from "node:fs/promises";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { Parser } from "n3";
import type SHACLValidator from "rdf-validate-shacl";
import { PipelineError } from "../../errors.ts";

/**
 * Invalid metadata is never published: the Data Package is checked against the official
 * Frictionless v2 profile and the catalog against the official DCAT-AP 3.0.1 SHACL shapes
 * (mandatory and recommended), both copied under ./standards (see its README.md).
 */

const STANDARDS = new URL("./standards/", import.meta.url);

let datapackageValidator: Promise<ValidateFunction> | undefined;

/** Compiled once per process: the profile is 160 kB of JSON Schema. */
function loadDatapackageValidator(): Promise<ValidateFunction> {
  datapackageValidator ??= (async () => {
    const profile = JSON.parse(await readFile(new URL("frictionless/v2/datapackage.json", STANDARDS), "utf8"));
    // The profile is draft-07 and carries editor hints (propertyOrder, context, options) that are
    // not JSON Schema keywords; "textarea" is one of those hints, spelled as a format.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    ajv.addFormat("textarea", true);
    return ajv.compile(profile);
  })();
  return datapackageValidator;
}

export async function datapackageErrors(descriptor: unknown): Promise<ErrorObject[]> {
  const validate = await loadDatapackageValidator();
  return validate(descriptor) ? [] : (validate.errors ?? []);
}

/** Throws `invalid-metadata` naming every profile error. */
export async function assertValidDatapackage(descriptor: unknown, document: string): Promise<void> {
  const errors = await datapackageErrors(descriptor);
  if (errors.length === 0) return;
  const details = errors.map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`).join("; ");
  throw new PipelineError({
    stage: "build",
    code: "invalid-metadata",
    document,
    field: errors[0]?.instancePath || undefined,
    message: `not a valid Frictionless Data Package v2: ${details}`,
  });
}

export interface ShaclResult {
  severity: "Violation" | "Warning" | "Info";
  focusNode: string;
  path: string | null;
  message: string;
  constraint: string;
}

export const DCAT_AP_SHAPES = ["dcat-ap/3.0.1/shapes.ttl", "dcat-ap/3.0.1/shapes_recommended.ttl"];

type Rdf = typeof import("@zazuko/env-node")["default"];
let catalogValidator: Promise<{ validator: SHACLValidator; rdf: Rdf }> | undefined;

/**
 * The shapes are parsed once per process; validating a catalog then takes tens of milliseconds.
 * The SHACL libraries are loaded only then: a run whose catalog did not change never needs them.
 */
function loadCatalogValidator(): Promise<{ validator: SHACLValidator; rdf: Rdf }> {
  catalogValidator ??= (async () => {
    const rdf = (await import("@zazuko/env-node")).default;
    const { default: Validator } = await import("rdf-validate-shacl");
    const shapes = rdf.dataset();
    for (const file of DCAT_AP_SHAPES) {
      const text = await readFile(new URL(file, STANDARDS), "utf8");
      for (const quad of new Parser({ baseIRI: new URL(file, STANDARDS).href }).parse(text)) shapes.add(quad);
    }
    return { validator: new Validator(shapes, { factory: rdf }), rdf };
  })();
  return catalogValidator;
}

/** Every SHACL result of a Turtle document against the DCAT-AP 3.0.1 shapes. */
export async function catalogResults(turtle: string): Promise<ShaclResult[]> {
  const { validator, rdf } = await loadCatalogValidator();
  const data = rdf.dataset();
  for (const quad of new Parser().parse(turtle)) data.add(quad);
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    severity: localName(r.severity?.value ?? "") as ShaclResult["severity"],
    focusNode: r.focusNode?.value ?? "",
    path: r.path?.value ?? null,
    message: r.message.map((m) => m.value).join(" "),
    constraint: localName(r.sourceConstraintComponent?.value ?? ""),
  }));
}

export function describeShaclResult(r: ShaclResult): string {
  return `${r.focusNode}${r.path ? ` ${r.path}` : ""}: ${r.message || r.constraint}`;
}

/**
 * Throws `invalid-metadata` listing the violations; returns the warnings (recommended
 * properties missing) for the caller to report. The checksum algorithm URI that udata reads is
 * not one of these results: the two files do not constrain it (mdr-vocabularies.shape.ttl does,
 * see catalog-graph.ts).
 */
export async function assertValidCatalog(turtle: string, document: string): Promise<ShaclResult[]> {
  const results = await catalogResults(turtle);
  const violations = results.filter((r) => r.severity === "Violation");
  if (violations.length > 0) {
    throw new PipelineError({
      stage: "build",
      code: "invalid-metadata",
      document,
      message: `fails the DCAT-AP 3.0.1 shapes: ${violations.map(describeShaclResult).join("; ")}`,
    });
  }
  return results.filter((r) => r.severity !== "Violation");
}

function localName(iri: string): string {
  return iri.slice(iri.lastIndexOf("#") + 1);
}
