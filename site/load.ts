import type { Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { formatDiagnostic } from "../pipeline/errors.ts";
import type { AccordRecord, EngagementRecord } from "../pipeline/types.ts";
import { validateDataset, validateDocumentRecords } from "../pipeline/validate/index.ts";
import type { Dataset, DatasetMeta, Link, PublishedFile, SiteInput } from "./model.ts";
import { SiteError } from "./model.ts";

/** The files that make a folder a dataset (DATA-CONTRACT.md). */
const DATASET_FILES = ["accords.json", "engagements.json", "datapackage.json"] as const;
/** Root files shared by every dataset; the run report and lock file are not publications. */
const SHARED_FILES = ["catalog.jsonld", "catalog.ttl"];
const SHARED_DIRS = ["schemas"];
/** Site paths the generator writes itself. */
const RESERVED = new Set(["assets"]);
const MAX_LISTED_PROBLEMS = 20;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Every published file under `dir` (dot files and temporary files left out), sorted, paths relative to `root`. */
async function listFiles(root: string, dir: string): Promise<PublishedFile[]> {
  const entries = (await readdir(path.join(root, dir), { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  const files: PublishedFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name.endsWith(".tmp")) continue;
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push({ path: relative, bytes: (await stat(path.join(root, relative))).size });
  }
  return files;
}

async function readJson(root: string, relative: string): Promise<unknown> {
  const text = await readFile(path.join(root, relative), "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SiteError(`${relative}: not valid JSON (${(error as Error).message})`);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function link(value: unknown): Link | null {
  const record = asRecord(value);
  const url = text(record.path);
  return url ? { title: text(record.title) ?? text(record.name) ?? url, url } : null;
}

/** What the home page says about a dataset, from its Data Package; the source pages are those the records cite. */
export function datasetMeta(slug: string, datapackage: unknown, accords: readonly AccordRecord[]): DatasetMeta {
  const dp = asRecord(datapackage);
  const sources = (Array.isArray(dp.sources) ? dp.sources : []).map(link).filter((l): l is Link => l !== null);
  const cited = [...new Set(accords.map((a) => a.url_page_source).filter((u): u is string => u !== null))];
  const sourcePages = cited.length
    ? cited.map((url) => sources.find((s) => s.url === url) ?? { title: url, url })
    : sources.slice(0, 1);
  const modified = text(dp.modified)?.slice(0, 10) ?? null;
  return {
    title: text(dp.title) ?? slug,
    description: text(dp.description),
    modified: modified && /^\d{4}-\d{2}-\d{2}$/.test(modified) ? modified : null,
    licence: link(Array.isArray(dp.licenses) ? dp.licenses[0] : undefined),
    sourcePages,
  };
}

function records(value: unknown, relative: string): unknown[] {
  if (!Array.isArray(value)) throw new SiteError(`${relative}: expected an array of records`);
  return value;
}

/** The records must satisfy the same schemas and cross-record rules as at publication time. */
function checkRecords(slug: string, accords: AccordRecord[], engagements: EngagementRecord[]): void {
  const problems = [
    ...accords.flatMap((a) =>
      validateDocumentRecords(
        a,
        engagements.filter((e) => e.id_accord === a.id_accord),
      ),
    ),
    ...validateDataset(accords, engagements),
  ];
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((d) => `  ${formatDiagnostic(d)}`);
  const more = problems.length > MAX_LISTED_PROBLEMS ? [`  … and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
  throw new SiteError(`${slug}: the records do not satisfy the schemas:\n${[...listed, ...more].join("\n")}`);
}

async function loadDataset(root: string, slug: string): Promise<Dataset> {
  for (const file of DATASET_FILES) {
    if (!(await exists(path.join(root, slug, file)))) throw new SiteError(`${slug}/${file}: missing`);
  }
  if (RESERVED.has(slug)) throw new SiteError(`${slug}/: this dataset name is reserved by the site`);
  const accords = records(await readJson(root, `${slug}/accords.json`), `${slug}/accords.json`) as AccordRecord[];
  const engagements = records(
    await readJson(root, `${slug}/engagements.json`),
    `${slug}/engagements.json`,
  ) as EngagementRecord[];
  checkRecords(slug, accords, engagements);
  const datapackage = await readJson(root, `${slug}/datapackage.json`);
  return {
    slug,
    meta: datasetMeta(slug, datapackage, accords),
    accords,
    engagements,
    files: await listFiles(root, slug),
  };
}

/**
 * Reads a datasets folder as the pipeline publishes it: each sub-folder holding any of the
 * dataset files is a dataset (and must hold all of them); the catalog and schemas sit at the root.
 */
export async function loadSiteInput(root: string): Promise<SiteInput> {
  let entries: Dirent[];
  try {
    entries = (await readdir(root, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  } catch (error) {
    throw new SiteError(`${root}: cannot read the datasets folder (${(error as NodeJS.ErrnoException).code})`);
  }
  const datasets: Dataset[] = [];
  const sharedFiles: PublishedFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory() && SHARED_DIRS.includes(entry.name)) {
      sharedFiles.push(...(await listFiles(root, entry.name)));
    } else if (entry.isDirectory()) {
      const present = await Promise.all(DATASET_FILES.map((f) => exists(path.join(root, entry.name, f))));
      if (present.some(Boolean)) datasets.push(await loadDataset(root, entry.name));
    } else if (entry.isFile() && SHARED_FILES.includes(entry.name)) {
      sharedFiles.push({ path: entry.name, bytes: (await stat(path.join(root, entry.name))).size });
    }
  }
  return { datasets, sharedFiles };
}
