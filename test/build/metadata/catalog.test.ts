import { createHash } from "node:crypto";
import jsonld from "jsonld";
import type { Quad } from "n3";
import { describe, expect, it } from "vitest";
import { CHECKSUM_ALGORITHM_SHA256 } from "../../../pipeline/build/metadata/catalog-graph.ts";
import {
  buildCatalog,
  buildDatasetMetadata,
  DEFAULT_METADATA_CONFIG,
  type MetadataConfig,
} from "../../../pipeline/build/metadata/index.ts";
import { assertValidCatalog } from "../../../pipeline/build/metadata/validate-metadata.ts";
import { PipelineError } from "../../../pipeline/errors.ts";
import type { DatasetConfig, Diagnostic } from "../../../pipeline/types.ts";
import {
  byPath,
  DATASET,
  dataFiles,
  engagement,
  MemoryStore,
  noChanges,
  PAGE,
  parseTurtle,
  type Records,
  readStandard,
  records,
  shaclResults,
  TODAY,
  text,
} from "./helpers.ts";

const DCAT = "http://www.w3.org/ns/dcat#";
const DCT = "http://purl.org/dc/terms/";
const FOAF = "http://xmlns.com/foaf/0.1/";
const VCARD = "http://www.w3.org/2006/vcard/ns#";
const SPDX = "http://spdx.org/rdf/terms#";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const EU = "http://publications.europa.eu/resource/authority/";
const config = DEFAULT_METADATA_CONFIG;

const OTHER: DatasetConfig = { ...DATASET, slug: "autres-accords", title: "Autres accords", keywords: ["autre"] };

/** Publishes one dataset's data files and metadata into `store`; returns its datapackage.json. */
async function publishDataset(store: MemoryStore, dataset: DatasetConfig, recs: Records, today: string) {
  const files = dataFiles(recs).map((f) => ({ ...f, path: f.path.replace(/^[^/]+/, dataset.slug) }));
  const metadata = await buildDatasetMetadata({
    dataset,
    page: PAGE,
    ...recs,
    dataFiles: files,
    previous: store,
    today,
    config,
    changes: noChanges(),
  });
  store.publish([...files, ...metadata]);
  return byPath(metadata, `${dataset.slug}/datapackage.json`)?.content as Uint8Array;
}

async function catalogOf(
  store: MemoryStore,
  datasets: DatasetConfig[],
  today = TODAY,
  options: Partial<{ config: MetadataConfig; onWarning: (d: Diagnostic) => void }> = {},
) {
  const input = await Promise.all(
    datasets.map(async (dataset) => ({
      dataset,
      datapackage: (await store.read(`${dataset.slug}/datapackage.json`)) as Uint8Array,
    })),
  );
  return buildCatalog({
    datasets: input,
    previous: store,
    today,
    config: options.config ?? config,
    onWarning: options.onWarning,
  });
}

/** A published store with the test dataset, and the catalog built from it. */
async function fixture() {
  const store = new MemoryStore();
  await publishDataset(store, DATASET, records(), TODAY);
  const catalog = await catalogOf(store, [DATASET]);
  return { store, catalog, turtle: text(byPath(catalog, "catalog.ttl")) };
}

class Graph {
  constructor(readonly quads: Quad[]) {}
  objects(subject: string, predicate: string) {
    return this.quads
      .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
      .map((q) => q.object);
  }
  one(subject: string, predicate: string) {
    const objects = this.objects(subject, predicate);
    expect(objects, `${subject} ${predicate}`).toHaveLength(1);
    return objects[0] as Quad["object"];
  }
  subjectsOfType(type: string) {
    return this.quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject);
  }
}

describe("catalog.ttl", () => {
  it("passes the DCAT-AP 3.0.1 shapes, mandatory and recommended: no violation, no warning", async () => {
    const { turtle } = await fixture();
    expect(await shaclResults(turtle, ["shapes.ttl", "shapes_recommended.ttl"])).toEqual([]);
  });

  it("describes the catalog: title, description, publisher, homepage, language, licence, dates, datasets", async () => {
    const g = new Graph(parseTurtle((await fixture()).turtle));
    const [catalog] = g.subjectsOfType(`${DCAT}Catalog`);
    expect(catalog?.termType).toBe("NamedNode");
    const c = catalog?.value as string;
    expect(g.one(c, `${DCT}title`)).toMatchObject({ value: config.catalog.title, language: "fr" });
    expect(g.one(c, `${DCT}description`).termType).toBe("Literal");
    expect(g.one(c, `${DCT}publisher`).value).toBe(config.publisher.uri);
    expect(g.one(c, `${FOAF}homepage`).value).toBe(config.catalog.homepage);
    expect(g.one(c, `${DCT}language`).value).toBe(`${EU}language/FRA`);
    expect(g.one(c, `${DCT}license`).value).toBe(config.licence.uri);
    expect(g.one(c, `${DCT}modified`)).toMatchObject({ value: TODAY, datatype: { value: `${XSD}date` } });
    expect(g.one(c, `${DCAT}dataset`).value).toBe("https://accords-ouverts.github.io/datasets/accords-test");

    const publisher = config.publisher.uri;
    expect(g.objects(publisher, RDF_TYPE).map((t) => t.value)).toContain(`${FOAF}Agent`);
    expect(g.one(publisher, `${FOAF}name`).value).toBe("Région Hauts-de-France");
  });

  it("describes each dataset with every property harvesters use", async () => {
    const g = new Graph(parseTurtle((await fixture()).turtle));
    const [dataset] = g.subjectsOfType(`${DCAT}Dataset`);
    expect(dataset?.termType).toBe("NamedNode"); // never a blank node
    const d = dataset?.value as string;
    expect(g.one(d, `${DCT}identifier`).value).toBe("accords-test");
    expect(g.one(d, `${DCT}title`).value).toBe(DATASET.title);
    expect(g.one(d, `${DCT}description`).value).toBe(DATASET.description);
    expect(g.one(d, `${DCT}issued`)).toMatchObject({ value: TODAY, datatype: { value: `${XSD}date` } });
    expect(g.one(d, `${DCT}modified`)).toMatchObject({ value: TODAY, datatype: { value: `${XSD}date` } });
    expect(g.one(d, `${DCT}publisher`).value).toBe(config.publisher.uri);
    expect(
      g
        .objects(d, `${DCAT}keyword`)
        .map((k) => k.value)
        .sort(),
    ).toEqual(["Hauts-de-France", "accord-cadre"]);
    expect(g.one(d, `${DCAT}theme`).value).toBe(`${EU}data-theme/GOVE`);
    expect(g.one(d, `${DCT}spatial`).value).toBe(config.spatial);
    expect(g.one(d, `${DCT}accrualPeriodicity`).value).toBe(`${EU}frequency/IRREG`);
    expect(g.one(d, `${DCAT}landingPage`).value).toBe(`${config.landingPageBaseUrl}accords-test`);

    const contact = g.one(d, `${DCAT}contactPoint`).value;
    expect(g.objects(contact, RDF_TYPE).map((t) => t.value)).toEqual([`${VCARD}Kind`]);
    expect(g.one(contact, `${VCARD}fn`).value).toBe(config.contactPoint.name);
    expect(g.one(contact, `${VCARD}hasURL`).value).toBe(config.contactPoint.url);

    const period = g.one(d, `${DCT}temporal`);
    expect(period.termType).toBe("BlankNode");
    expect(g.objects(period.value, RDF_TYPE).map((t) => t.value)).toEqual([`${DCT}PeriodOfTime`]);
    expect(g.one(period.value, `${DCAT}startDate`)).toMatchObject({
      value: "2020-09-01",
      datatype: { value: `${XSD}date` },
    });
    expect(g.one(period.value, `${DCAT}endDate`).value).toBe("2025-12-31");
  });

  it("has one distribution per published data file, with download URL, format, media type, size, checksum, licence and schema", async () => {
    const { store, turtle } = await fixture();
    const g = new Graph(parseTurtle(turtle));
    const [dataset] = g.subjectsOfType(`${DCAT}Dataset`);
    const distributions = g.objects(dataset?.value as string, `${DCAT}distribution`);
    expect(distributions.every((x) => x.termType === "NamedNode")).toBe(true);
    const byFile = new Map(distributions.map((x) => [x.value.split("/").at(-1) as string, x.value]));
    expect([...byFile.keys()].sort()).toEqual([
      "accords.csv",
      "accords.json",
      "datapackage.json",
      "engagements.csv",
      "engagements.json",
    ]);
    const expected = {
      "accords.csv": ["CSV", "text/csv", `${config.schemaBaseUrl}accords.tableschema.json`],
      "engagements.csv": ["CSV", "text/csv", `${config.schemaBaseUrl}engagements.tableschema.json`],
      "accords.json": ["JSON", "application/json", `${config.schemaBaseUrl}accord.schema.json`],
      "engagements.json": ["JSON", "application/json", `${config.schemaBaseUrl}engagement.schema.json`],
      "datapackage.json": ["JSON", "application/json", "https://datapackage.org/profiles/2.0/datapackage.json"],
    };
    for (const [file, [format, mediaType, schema]] of Object.entries(expected)) {
      const d = byFile.get(file) as string;
      const content = (await store.read(`accords-test/${file}`)) as Uint8Array;
      const url = `${config.publicBaseUrl}accords-test/${file}`;
      expect(g.one(d, `${DCAT}downloadURL`).value, file).toBe(url);
      expect(g.one(d, `${DCAT}accessURL`).value).toBe(url);
      expect(g.one(d, `${DCT}format`).value).toBe(`${EU}file-type/${format}`);
      expect(g.one(d, `${DCAT}mediaType`).value).toBe(`https://www.iana.org/assignments/media-types/${mediaType}`);
      expect(g.one(d, `${DCAT}byteSize`)).toMatchObject({
        value: String(content.byteLength),
        datatype: { value: `${XSD}nonNegativeInteger` },
      });
      expect(g.one(d, `${DCT}license`).value).toBe(config.licence.uri);
      expect(g.one(d, `${DCT}conformsTo`).value).toBe(schema);
      const checksum = g.one(d, `${SPDX}checksum`).value;
      expect(g.objects(checksum, RDF_TYPE).map((t) => t.value)).toEqual([`${SPDX}Checksum`]);
      expect(g.one(checksum, `${SPDX}algorithm`).value).toBe(`${SPDX}checksumAlgorithm_sha256`);
      expect(g.one(checksum, `${SPDX}checksumValue`)).toMatchObject({
        value: createHash("sha256").update(content).digest("hex"),
        datatype: { value: `${XSD}hexBinary` },
      });
    }
  });

  it("is written in catalog.jsonld too, as the same graph", async () => {
    const { catalog, turtle } = await fixture();
    const doc = JSON.parse(text(byPath(catalog, "catalog.jsonld")));
    const fromJsonLd = await jsonld.canonize(doc, { algorithm: "URDNA2015", format: "application/n-quads" });
    const nquads = parseTurtle(turtle)
      .map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)} .`)
      .join("\n");
    // jsonld.canonize reads N-Quads text when told so; its type definitions only know documents.
    const fromTurtle = await jsonld.canonize(nquads as unknown as object, {
      algorithm: "URDNA2015",
      inputFormat: "application/n-quads",
    });
    expect(fromJsonLd).toBe(fromTurtle);
    expect(doc["@graph"].length).toBeGreaterThan(0);
  });
});

function term(t: Quad["object"] | Quad["predicate"] | Quad["subject"]): string {
  if (t.termType === "NamedNode") return `<${t.value}>`;
  if (t.termType === "BlankNode") return `_:${t.value}`;
  if (t.termType === "Literal") {
    const value = JSON.stringify(t.value);
    return t.language ? `${value}@${t.language}` : `${value}^^<${t.datatype.value}>`;
  }
  throw new Error(t.termType);
}

describe("catalog dates and stability", () => {
  it("is byte-identical for the same input, and when a later run finds nothing new", async () => {
    const { store, catalog } = await fixture();
    const again = await catalogOf(store, [DATASET]);
    expect(again.map(text)).toEqual(catalog.map(text));
    store.publish(catalog);
    const later = await catalogOf(store, [DATASET], "2026-12-15");
    expect(later.map(text)).toEqual(catalog.map(text));
  });

  it("when one table changes, moves only that table's distributions, the descriptor's, the dataset's and the catalog's dates", async () => {
    const store = new MemoryStore();
    await publishDataset(store, DATASET, records(), "2026-11-01");
    store.publish(await catalogOf(store, [DATASET], "2026-11-01"));
    const changed = records();
    changed.engagements[0] = engagement("accord-alpha", 1, { texte: "Un autre texte." });
    await publishDataset(store, DATASET, changed, TODAY);
    const g = new Graph(parseTurtle(text(byPath(await catalogOf(store, [DATASET]), "catalog.ttl"))));
    const modified = (s: string) => g.one(s, `${DCT}modified`).value;
    const distribution = (file: string) =>
      `https://accords-ouverts.github.io/datasets/accords-test/distributions/${file}`;
    expect(modified(distribution("accords.csv"))).toBe("2026-11-01");
    expect(modified(distribution("accords.json"))).toBe("2026-11-01");
    expect(modified(distribution("engagements.csv"))).toBe(TODAY);
    expect(modified(distribution("engagements.json"))).toBe(TODAY);
    expect(modified(distribution("datapackage.json"))).toBe(TODAY);
    expect(g.one(distribution("datapackage.json"), `${DCT}issued`).value).toBe("2026-11-01");
    expect(modified("https://accords-ouverts.github.io/datasets/accords-test")).toBe(TODAY);
    expect(g.one("https://accords-ouverts.github.io/datasets/accords-test", `${DCT}issued`).value).toBe("2026-11-01");
    expect(modified("https://accords-ouverts.github.io/catalog")).toBe(TODAY);
    expect(g.one("https://accords-ouverts.github.io/catalog", `${DCT}issued`).value).toBe("2026-11-01");
  });

  it("keeps the datasets not built in this run (--only), as published", async () => {
    const store = new MemoryStore();
    await publishDataset(store, DATASET, records(), "2026-11-01");
    await publishDataset(store, OTHER, records(), "2026-11-01");
    const both = await catalogOf(store, [DATASET, OTHER], "2026-11-01");
    store.publish(both);
    const onlyOne = await catalogOf(store, [DATASET], TODAY);
    expect(onlyOne.map(text)).toEqual(both.map(text));
  });

  it("keeps them too when the catalog's base URI changes", async () => {
    const store = new MemoryStore();
    await publishDataset(store, DATASET, records(), "2026-11-01");
    await publishDataset(store, OTHER, records(), "2026-11-01");
    store.publish(await catalogOf(store, [DATASET, OTHER], "2026-11-01"));
    const moved = { ...config, catalogBaseUri: "https://example.org/" };
    const catalog = await catalogOf(store, [DATASET], TODAY, { config: moved });
    const g = new Graph(parseTurtle(text(byPath(catalog, "catalog.ttl"))));
    expect(g.subjectsOfType(`${DCAT}Dataset`).map((d) => d.value)).toEqual([
      "https://example.org/datasets/accords-test",
      "https://example.org/datasets/autres-accords",
    ]);
  });

  it("drops a dataset whose datapackage.json is no longer published, and counts that as a change", async () => {
    const store = new MemoryStore();
    await publishDataset(store, DATASET, records(), "2026-11-01");
    await publishDataset(store, OTHER, records(), "2026-11-01");
    store.publish(await catalogOf(store, [DATASET, OTHER], "2026-11-01"));
    store.files.delete(`${OTHER.slug}/datapackage.json`);
    const g = new Graph(parseTurtle(text(byPath(await catalogOf(store, [DATASET], TODAY), "catalog.ttl"))));
    expect(g.subjectsOfType(`${DCAT}Dataset`).map((d) => d.value)).toEqual([
      "https://accords-ouverts.github.io/datasets/accords-test",
    ]);
    expect(g.one("https://accords-ouverts.github.io/catalog", `${DCT}modified`).value).toBe(TODAY);
  });
});

describe("catalog validation in the run", () => {
  it("refuses a catalog that breaks a mandatory DCAT-AP rule, naming the node and the property", async () => {
    const turtle = `<https://example.org/c> a <${DCAT}Catalog>; <${DCT}title> "t".`;
    const error = await assertValidCatalog(turtle, "catalog.ttl").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).diagnostic).toMatchObject({
      stage: "build",
      code: "invalid-metadata",
      document: "catalog.ttl",
    });
    expect((error as PipelineError).message).toContain(`https://example.org/c ${DCT}publisher`);
  });

  it("reports missing recommended properties as warnings without stopping", async () => {
    const store = new MemoryStore();
    const bare = { ...DATASET, keywords: undefined };
    await publishDataset(store, bare, records(), TODAY);
    const warnings: Diagnostic[] = [];
    const files = await catalogOf(store, [bare], TODAY, { onWarning: (w) => warnings.push(w) });
    expect(files.map((f) => f.path)).toEqual(["catalog.jsonld", "catalog.ttl"]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "dcat-ap-recommended", message: expect.stringContaining(`${DCAT}keyword`) }),
    ]);
  });
});

describe("the checksum algorithm (documented choice)", () => {
  it("is the IRI udata reads; of DCAT-AP's controlled-vocabulary shapes, only the checksum one objects to it", async () => {
    const { turtle } = await fixture();
    expect(CHECKSUM_ALGORITHM_SHA256).toBe(`${SPDX}checksumAlgorithm_sha256`);
    // What the EU vocabularies and the SPDX ontology say about the terms the catalog uses.
    const withVocabularies = `${turtle}\n${readStandard("eu-vocabularies-excerpt.ttl")}`;
    const results = await shaclResults(withVocabularies, ["mdr-vocabularies.shape.ttl"]);
    const violations = results.filter((r) => r.severity === "Violation");
    expect(violations.length).toBe(5); // one per distribution
    for (const v of violations) expect(v).toMatchObject({ path: `${SPDX}algorithm`, value: CHECKSUM_ALGORITHM_SHA256 });
  });
});
