import { createHash } from "node:crypto";
import { PipelineError } from "../../errors.ts";
import type {
  AccordRecord,
  ChangeSummary,
  DatasetConfig,
  EngagementRecord,
  IsoDate,
  OutputFile,
  SourcePage,
} from "../../types.ts";
import { compareIds } from "../records.ts";
import type { MetadataConfig } from "./config.ts";
import { dateOf, dateTime, earliest, latest, notAfter } from "./dates.ts";
import { type HistoryEntry, historyEntry } from "./history.ts";
import { DATA_RESOURCES, DATAPACKAGE_PROFILE, type ResourceSpec } from "./resources.ts";
import { type TableDefinition, type TableSchema, tableSchema } from "./table-schema.ts";
import { datasetUri, isWebUrl, landingPage } from "./urls.ts";

/**
 * The Frictionless Data Package v2 descriptor of one dataset. Besides the standard properties it
 * carries three of its own, which the catalog and the README read back on later runs:
 * `modified` (package and resources) and resource `created`, `temporalCoverage`, and `history`.
 */

export interface CsvDialect {
  header: true;
  delimiter: ",";
  lineTerminator: "\n" | "\r\n";
  quoteChar: '"';
  doubleQuote: true;
}

export interface PackageResource {
  name: string;
  path: string;
  type?: "table";
  title: string;
  description: string;
  format: "csv" | "json";
  mediatype: string;
  encoding: "utf-8";
  bytes: number;
  hash: string;
  created: string;
  modified: string;
  dialect?: CsvDialect;
  schema?: TableSchema;
}

export interface Datapackage {
  $schema: string;
  name: string;
  id: string;
  title: string;
  description: string;
  homepage: string;
  keywords?: string[];
  licenses: { name: string; path: string; title: string }[];
  contributors: { title: string; path?: string; email?: string; roles: string[] }[];
  sources: { title: string; path: string }[];
  created: string;
  modified: string;
  temporalCoverage?: { start: IsoDate; end: IsoDate };
  resources: PackageResource[];
  history: HistoryEntry[];
}

export interface DatapackageInput {
  dataset: DatasetConfig;
  page: SourcePage | null;
  accords: AccordRecord[];
  engagements: EngagementRecord[];
  dataFiles: OutputFile[];
  /** The descriptor published now, if any. */
  previous: Datapackage | null;
  today: IsoDate;
  config: MetadataConfig;
  changes: ChangeSummary;
}

export function sha256(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export function buildDatapackage(input: DatapackageInput): Datapackage {
  const { dataset, previous, today, config } = input;
  const notAfterToday = (value: string): string => dateTime(notAfter(dateOf(value), today));

  const resources = DATA_RESOURCES.map((spec) => {
    const content = dataFile(input, spec);
    const hash = `sha256:${sha256(content)}`;
    const before = previous?.resources.find((r) => r.path === spec.file);
    const same = before !== undefined && before.hash === hash && before.bytes === content.byteLength;
    return {
      resource: describeResource(spec, content, hash, {
        created: notAfterToday(before?.created ?? dateTime(today)),
        modified: same ? notAfterToday(before.modified) : dateTime(today),
      }),
      changed: !same,
    };
  });
  const changed = previous === null || resources.some((r) => r.changed);

  const history = [...(previous?.history ?? [])];
  if (changed) {
    const totals = { accords: input.accords.length, engagements: input.engagements.length };
    history.push(historyEntry(today, input.changes, totals, previous === null));
  }
  const temporalCoverage = temporalSpan(input.accords);
  return {
    $schema: DATAPACKAGE_PROFILE,
    name: dataset.slug,
    id: datasetUri(config, dataset.slug),
    title: dataset.title,
    description: dataset.description,
    homepage: landingPage(config, dataset.slug),
    ...(dataset.keywords?.length ? { keywords: dataset.keywords } : {}),
    licenses: [{ name: config.licence.name, path: config.licence.uri, title: config.licence.title }],
    contributors: contributors(config),
    sources: sources(input.page, input.accords),
    created: notAfterToday(previous?.created ?? dateTime(today)),
    modified: previous && !changed ? notAfterToday(previous.modified) : dateTime(today),
    ...(temporalCoverage ? { temporalCoverage } : {}),
    resources: resources.map((r) => r.resource),
    history,
  };
}

function dataFile(input: DatapackageInput, spec: ResourceSpec): Uint8Array {
  const path = `${input.dataset.slug}/${spec.file}`;
  const file = input.dataFiles.find((f) => f.path === path);
  if (!file) {
    throw new PipelineError({
      stage: "build",
      code: "invalid-metadata",
      document: path,
      message: "the data file the Data Package describes is missing from the build",
    });
  }
  return file.content;
}

function describeResource(
  spec: ResourceSpec,
  content: Uint8Array,
  hash: string,
  dates: { created: string; modified: string },
): PackageResource {
  const table = tableOf(spec);
  return {
    name: spec.name,
    path: spec.file,
    ...(table ? { type: "table" as const } : {}),
    title: spec.title,
    description: spec.description,
    format: spec.format,
    mediatype: spec.mediatype,
    encoding: "utf-8",
    bytes: content.byteLength,
    hash,
    ...dates,
    ...(table ? { dialect: csvDialect(content), schema: tableSchema(table) } : {}),
  };
}

/** The table a CSV file holds; JSON files are not tabular. */
const tableOf = (spec: ResourceSpec): TableDefinition | undefined => (spec.format === "csv" ? spec.records : undefined);

/** Says how the file at hand ends its lines rather than assuming how the CSV writer does it. */
function csvDialect(content: Uint8Array): CsvDialect {
  const newline = content.indexOf(0x0a);
  return {
    header: true,
    delimiter: ",",
    lineTerminator: newline > 0 && content[newline - 1] === 0x0d ? "\r\n" : "\n",
    quoteChar: '"',
    doubleQuote: true,
  };
}

function contributors(config: MetadataConfig): Datapackage["contributors"] {
  const { contactPoint: contact, publisher } = config;
  return [
    { title: publisher.name, path: publisher.uri, roles: ["publisher"] },
    {
      title: contact.name,
      ...(contact.url ? { path: contact.url } : {}),
      ...(contact.email ? { email: contact.email } : {}),
      roles: ["contact"],
    },
  ];
}

/**
 * The web page that lists the documents, then each source PDF at its original address (or its
 * copy in documents/ when it was read from a local folder: a file:// URL means nothing to a reader).
 */
function sources(page: SourcePage | null, accords: AccordRecord[]): Datapackage["sources"] {
  const list = page ? [{ title: page.title ?? "Page source", path: page.url }] : [];
  for (const accord of [...accords].sort((a, b) => compareIds(a.id_accord, b.id_accord))) {
    list.push({
      title: accord.titre,
      path: isWebUrl(accord.url_document) ? accord.url_document : `documents/${accord.nom_fichier}`,
    });
  }
  return list;
}

/** From the earliest start (or signature) to the latest end (or start, or signature). */
export function temporalSpan(accords: AccordRecord[]): { start: IsoDate; end: IsoDate } | undefined {
  const starts = accords.map((a) => a.date_debut ?? a.date_signature).filter((d): d is IsoDate => d !== null);
  const ends = accords
    .map((a) => a.date_fin ?? a.date_debut ?? a.date_signature)
    .filter((d): d is IsoDate => d !== null);
  const [start, end] = [earliest(starts), latest(ends)];
  return start && end ? { start, end } : undefined;
}

/** A published descriptor, read back. */
export function readDatapackage(content: Uint8Array, document: string): Datapackage {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(content)) as Datapackage;
    if (Array.isArray(parsed.resources) && typeof parsed.created === "string" && typeof parsed.modified === "string") {
      return { ...parsed, history: Array.isArray(parsed.history) ? parsed.history : [] };
    }
  } catch {
    // reported below
  }
  // Starting again from nothing would silently reset the first publication dates and the history.
  throw new PipelineError({
    stage: "build",
    code: "invalid-metadata",
    document,
    message: "the published datapackage.json cannot be read back (not JSON, or no resources/created/modified)",
  });
}
