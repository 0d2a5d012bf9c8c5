import { Parser, type Quad } from "n3";
import { PipelineError } from "../../errors.ts";
import type { DatasetConfig, Diagnostic, IsoDate, OutputFile, PublishedStore } from "../../types.ts";
import { compareIds } from "../records.ts";
import { type CatalogGraphInput, catalogGraph, type DescriptorFile } from "./catalog-graph.ts";
import type { MetadataConfig } from "./config.ts";
import { type Datapackage, readDatapackage, sha256 } from "./datapackage.ts";
import { dateOf, latest, notAfter } from "./dates.ts";
import { PREFIXES, toJsonLd, toTurtle } from "./rdf-serialize.ts";
import { DATAPACKAGE_RESOURCE } from "./resources.ts";
import { assertValidCatalog, describeShaclResult } from "./validate-metadata.ts";

export interface CatalogInput {
  /** The datasets built in this run, with the datapackage.json about to be published. */
  datasets: { dataset: DatasetConfig; datapackage: Uint8Array }[];
  previous: PublishedStore;
  today: IsoDate;
  config: MetadataConfig;
  /** DCAT-AP recommended properties that are missing (SHACL warnings); they do not stop the run. */
  onWarning?: (warning: Diagnostic) => void;
}

export const CATALOG_TURTLE = "catalog.ttl";
export const CATALOG_JSONLD = "catalog.jsonld";
const RDF_TYPE = `${PREFIXES.rdf}type`;

/**
 * catalog.ttl and catalog.jsonld, validated against the DCAT-AP 3.0.1 shapes before they are
 * returned. Datasets not built in this run (`--only`) stay in the catalog: the previous
 * catalog.ttl says which datasets were published, and their published datapackage.json says
 * what they hold. A dataset leaves the catalog when its datapackage.json is no longer published.
 */
export async function buildCatalog(input: CatalogInput): Promise<OutputFile[]> {
  const { config, previous, today } = input;
  const published = await previous.read(CATALOG_TURTLE);
  const before = readPreviousCatalog(published);

  const entries = input.datasets.map((d) => ({ slug: d.dataset.slug, content: d.datapackage }));
  for (const slug of before.slugs) {
    if (entries.some((e) => e.slug === slug)) continue;
    const content = await previous.read(`${slug}/datapackage.json`);
    if (content) entries.push({ slug, content });
  }
  entries.sort((a, b) => compareIds(a.slug, b.slug));

  const datasets = entries.map(({ slug, content }) => ({
    datapackage: readDatapackage(content, `${slug}/datapackage.json`),
    descriptor: describeDescriptor(content, before.descriptors.get(slug), today),
  }));
  const quads = catalogGraph({ config, datasets, ...catalogDates(datasets, before, today) });

  const turtle = await toTurtle(quads);
  const encoder = new TextEncoder();
  const turtleBytes = encoder.encode(turtle);
  // The published catalog was validated when it was written: the same bytes need no new check.
  const unchanged = published !== null && Buffer.from(published).equals(turtleBytes);
  const warnings = unchanged ? [] : await assertValidCatalog(turtle, CATALOG_TURTLE);
  for (const w of warnings) {
    input.onWarning?.({
      stage: "build",
      code: "dcat-ap-recommended",
      document: CATALOG_TURTLE,
      message: describeShaclResult(w),
    });
  }
  return [
    { path: CATALOG_JSONLD, content: encoder.encode(await toJsonLd(quads)) },
    { path: CATALOG_TURTLE, content: turtleBytes },
  ];
}

interface PreviousCatalog {
  slugs: string[];
  issued: IsoDate | null;
  modified: IsoDate | null;
  /** What the previous catalog said about each dataset's datapackage.json. */
  descriptors: Map<string, DescriptorFile>;
}

/** Reads back the dates and checksums that must survive from one publication to the next. */
export function readPreviousCatalog(content: Uint8Array | null): PreviousCatalog {
  const found: PreviousCatalog = { slugs: [], issued: null, modified: null, descriptors: new Map() };
  if (content === null) return found;
  let quads: Quad[];
  try {
    quads = new Parser().parse(new TextDecoder().decode(content));
  } catch (error) {
    throw new PipelineError(
      {
        stage: "build",
        code: "invalid-metadata",
        document: CATALOG_TURTLE,
        message: "the published catalog cannot be parsed",
      },
      { cause: error },
    );
  }
  const value = (subject: string, predicate: string): string | null =>
    quads.find((q) => q.subject.value === subject && q.predicate.value === predicate)?.object.value ?? null;
  const ofType = (type: string) =>
    quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);
  // Found by type and identifier rather than by URI, so that a change of catalogBaseUri loses nothing.
  const catalog = ofType(`${PREFIXES.dcat}Catalog`)[0];
  if (catalog !== undefined) {
    found.issued = value(catalog, `${PREFIXES.dct}issued`);
    found.modified = value(catalog, `${PREFIXES.dct}modified`);
  }
  for (const dataset of ofType(`${PREFIXES.dcat}Dataset`)) {
    const slug = value(dataset, `${PREFIXES.dct}identifier`);
    if (slug === null) continue;
    found.slugs.push(slug);
    const distribution = quads
      .filter((q) => q.subject.value === dataset && q.predicate.value === `${PREFIXES.dcat}distribution`)
      .map((q) => q.object.value)
      .find((d) => value(d, `${PREFIXES.dct}identifier`) === `${slug}/${DATAPACKAGE_RESOURCE.file}`);
    if (distribution === undefined) continue;
    const checksum = value(distribution, `${PREFIXES.spdx}checksum`);
    const hash = checksum === null ? null : value(checksum, `${PREFIXES.spdx}checksumValue`);
    const bytes = value(distribution, `${PREFIXES.dcat}byteSize`);
    const issued = value(distribution, `${PREFIXES.dct}issued`);
    const modified = value(distribution, `${PREFIXES.dct}modified`);
    if (hash && bytes && issued && modified) {
      found.descriptors.set(slug, { sha256: hash, bytes: Number(bytes), issued, modified });
    }
  }
  return found;
}

/** datapackage.json as a distribution: its dates move only when its bytes do, like any resource's. */
function describeDescriptor(content: Uint8Array, before: DescriptorFile | undefined, today: IsoDate): DescriptorFile {
  const hash = sha256(content);
  const same = before !== undefined && before.sha256 === hash && before.bytes === content.byteLength;
  return {
    bytes: content.byteLength,
    sha256: hash,
    issued: notAfter(before?.issued ?? today, today),
    modified: same ? notAfter(before.modified, today) : today,
  };
}

/**
 * The catalog was modified when one of its datasets or descriptors was, or when the set of
 * datasets changed; it was issued at its first publication.
 */
function catalogDates(
  datasets: { datapackage: Datapackage; descriptor: DescriptorFile }[],
  before: PreviousCatalog,
  today: IsoDate,
): Pick<CatalogGraphInput, "issued" | "modified"> {
  const slugs = datasets.map((d) => d.datapackage.name);
  const sameSet = slugs.length === before.slugs.length && slugs.every((s) => before.slugs.includes(s));
  const dates = datasets.flatMap((d) => [dateOf(d.datapackage.modified), d.descriptor.modified]);
  dates.push(sameSet && before.modified !== null ? before.modified : today);
  return { issued: notAfter(before.issued ?? today, today), modified: notAfter(latest(dates) ?? today, today) };
}
