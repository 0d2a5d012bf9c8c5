import { DataFactory, type NamedNode, type Quad, type Quad_Object } from "n3";
import { PipelineError } from "../../errors.ts";
import type { IsoDate } from "../../types.ts";
import type { MetadataConfig } from "./config.ts";
import type { Datapackage } from "./datapackage.ts";
import { dateOf } from "./dates.ts";
import { PREFIXES } from "./rdf-serialize.ts";
import { DATA_RESOURCES, DATAPACKAGE_RESOURCE, type ResourceSpec } from "./resources.ts";
import { catalogUri, datasetUri, distributionUri, downloadUrl } from "./urls.ts";

/**
 * The DCAT-AP 3.0.1 graph of the catalog: one dcat:Dataset per dataset, one dcat:Distribution per
 * published data file (both CSV, both JSON, and datapackage.json). Datasets and distributions get
 * stable URIs; only the contact point, the period of time and the checksums are blank nodes, with
 * labels derived from the slug and file so that serialisations stay byte-identical.
 */

const { namedNode, literal, blankNode, quad } = DataFactory;

const ns =
  (base: string) =>
  (local: string): NamedNode =>
    namedNode(`${base}${local}`);
const rdf = ns(PREFIXES.rdf);
const dcat = ns(PREFIXES.dcat);
const dcatap = ns(PREFIXES.dcatap);
const dct = ns(PREFIXES.dct);
const foaf = ns(PREFIXES.foaf);
const spdx = ns(PREFIXES.spdx);
const vcard = ns(PREFIXES.vcard);
const xsd = ns(PREFIXES.xsd);

const EU = "http://publications.europa.eu/resource/authority/";
const FILE_TYPES: Record<ResourceSpec["format"], string> = { csv: `${EU}file-type/CSV`, json: `${EU}file-type/JSON` };
const IANA = "https://www.iana.org/assignments/media-types/";
const AVAILABILITY_STABLE = `${EU}planned-availability/STABLE`;
const DATA_THEMES = `${EU}data-theme`;

/**
 * udata (data.gouv.fr) reads a checksum only when spdx:algorithm is one of
 * spdx:checksumAlgorithm_md5/_sha1/_sha256 in the http://spdx.org/rdf/terms# namespace
 * (udata/core/dataset/rdf.py, CHECKSUM_ALGORITHMS) and ignores any other IRI. DCAT-AP 3.0.1's
 * controlled-vocabulary shapes (mdr-vocabularies.shape.ttl, ChecksumAlgorithmRestriction) want an
 * IRI starting with https://spdx.org/rdf/terms. A checksum that the main French portal drops is
 * worth less than strict conformance to that optional shape, so the catalog uses udata's IRI.
 * The mandatory and recommended DCAT-AP shapes (shapes.ttl, shapes_recommended.ttl) accept it.
 */
export const CHECKSUM_ALGORITHM_SHA256 = `${PREFIXES.spdx}checksumAlgorithm_sha256`;

/** What the catalog says about datapackage.json itself, which is not one of its own resources. */
export interface DescriptorFile {
  bytes: number;
  sha256: string;
  issued: IsoDate;
  modified: IsoDate;
}

export interface CatalogGraphInput {
  config: MetadataConfig;
  datasets: { datapackage: Datapackage; descriptor: DescriptorFile }[];
  issued: IsoDate;
  modified: IsoDate;
}

interface Distribution {
  spec: ResourceSpec;
  bytes: number;
  sha256: string;
  issued: IsoDate;
  modified: IsoDate;
}

export function catalogGraph(input: CatalogGraphInput): Quad[] {
  const { config } = input;
  const quads: Quad[] = [];
  const add = (s: NamedNode | ReturnType<typeof blankNode>, p: NamedNode, o: Quad_Object) => quads.push(quad(s, p, o));
  const date = (value: IsoDate) => literal(value, xsd("date"));
  const fr = (text: string) => literal(text, "fr");

  const catalog = namedNode(catalogUri(config));
  const publisher = namedNode(config.publisher.uri);
  const licence = namedNode(config.licence.uri);
  const contact = blankNode("contact");

  add(catalog, rdf("type"), dcat("Catalog"));
  add(catalog, dct("title"), fr(config.catalog.title));
  add(catalog, dct("description"), fr(config.catalog.description));
  add(catalog, dct("publisher"), publisher);
  add(catalog, foaf("homepage"), namedNode(config.catalog.homepage));
  add(catalog, dct("language"), namedNode(config.language));
  add(catalog, dct("license"), licence);
  add(catalog, dct("issued"), date(input.issued));
  add(catalog, dct("modified"), date(input.modified));
  add(catalog, dct("spatial"), namedNode(config.spatial));
  add(catalog, dcat("themeTaxonomy"), namedNode(DATA_THEMES));

  add(publisher, rdf("type"), foaf("Agent"));
  add(publisher, rdf("type"), foaf("Organization"));
  add(publisher, foaf("name"), literal(config.publisher.name));
  add(publisher, dct("type"), namedNode(config.publisher.type));

  add(licence, rdf("type"), dct("LicenseDocument"));
  add(licence, dct("type"), namedNode(config.licence.type));

  add(contact, rdf("type"), vcard("Kind"));
  add(contact, vcard("fn"), literal(config.contactPoint.name));
  if (config.contactPoint.email) add(contact, vcard("hasEmail"), namedNode(`mailto:${config.contactPoint.email}`));
  if (config.contactPoint.url) add(contact, vcard("hasURL"), namedNode(config.contactPoint.url));

  for (const { datapackage: pkg, descriptor } of input.datasets) {
    const slug = pkg.name;
    const dataset = namedNode(datasetUri(config, slug));
    add(catalog, dcat("dataset"), dataset);
    add(dataset, rdf("type"), dcat("Dataset"));
    add(dataset, dct("identifier"), literal(slug));
    add(dataset, dct("title"), fr(pkg.title));
    add(dataset, dct("description"), fr(pkg.description));
    add(dataset, dct("issued"), date(dateOf(pkg.created)));
    add(dataset, dct("modified"), date(dateOf(pkg.modified)));
    add(dataset, dct("publisher"), publisher);
    add(dataset, dcat("contactPoint"), contact);
    for (const keyword of pkg.keywords ?? []) add(dataset, dcat("keyword"), fr(keyword));
    add(dataset, dcat("theme"), namedNode(config.theme));
    add(dataset, dct("spatial"), namedNode(config.spatial));
    add(dataset, dct("accrualPeriodicity"), namedNode(config.accrualPeriodicity));
    add(dataset, dct("language"), namedNode(config.language));
    add(dataset, dcat("landingPage"), namedNode(pkg.homepage));
    if (pkg.temporalCoverage) {
      const period = blankNode(label("temporal", slug));
      add(dataset, dct("temporal"), period);
      add(period, rdf("type"), dct("PeriodOfTime"));
      add(period, dcat("startDate"), date(pkg.temporalCoverage.start));
      add(period, dcat("endDate"), date(pkg.temporalCoverage.end));
    }

    for (const d of distributions(pkg, descriptor)) {
      const distribution = namedNode(distributionUri(config, slug, d.spec.file));
      const url = namedNode(downloadUrl(config, `${slug}/${d.spec.file}`));
      const checksum = blankNode(label("checksum", slug, d.spec.file));
      add(dataset, dcat("distribution"), distribution);
      add(distribution, rdf("type"), dcat("Distribution"));
      add(distribution, dct("identifier"), literal(`${slug}/${d.spec.file}`));
      add(distribution, dct("title"), fr(d.spec.title));
      add(distribution, dct("description"), fr(d.spec.description));
      add(distribution, dcat("accessURL"), url);
      add(distribution, dcat("downloadURL"), url);
      add(distribution, dct("format"), namedNode(FILE_TYPES[d.spec.format]));
      add(distribution, dcat("mediaType"), namedNode(`${IANA}${d.spec.mediatype}`));
      add(distribution, dcat("byteSize"), literal(String(d.bytes), xsd("nonNegativeInteger")));
      add(distribution, spdx("checksum"), checksum);
      add(checksum, rdf("type"), spdx("Checksum"));
      add(checksum, spdx("algorithm"), namedNode(CHECKSUM_ALGORITHM_SHA256));
      add(checksum, spdx("checksumValue"), literal(d.sha256, xsd("hexBinary")));
      add(distribution, dct("license"), licence);
      add(distribution, dct("conformsTo"), namedNode(d.spec.conformsTo(config)));
      add(distribution, dct("issued"), date(d.issued));
      add(distribution, dct("modified"), date(d.modified));
      add(distribution, dcatap("availability"), namedNode(AVAILABILITY_STABLE));
    }
  }
  return quads;
}

function distributions(pkg: Datapackage, descriptor: DescriptorFile): Distribution[] {
  const data = pkg.resources.map((resource): Distribution => {
    const spec = DATA_RESOURCES.find((s) => s.name === resource.name);
    if (!spec) {
      throw new PipelineError({
        stage: "build",
        code: "invalid-metadata",
        document: `${pkg.name}/datapackage.json`,
        message: `unknown resource "${resource.name}"`,
      });
    }
    return {
      spec,
      bytes: resource.bytes,
      sha256: resource.hash.replace(/^sha256:/, ""),
      issued: dateOf(resource.created),
      modified: dateOf(resource.modified),
    };
  });
  return [...data, { spec: DATAPACKAGE_RESOURCE, ...descriptor }];
}

/** A blank node label that Turtle, N-Quads and JSON-LD all accept as is. */
function label(...parts: string[]): string {
  return parts.join("-").replace(/[^A-Za-z0-9-]/g, "-");
}
