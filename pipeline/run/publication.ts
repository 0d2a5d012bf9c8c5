/**
 * The publication phase of a dataset whose inputs changed: read what is published, build and
 * validate the records and metadata, guard removals, and hand the files to the target.
 */
import { readFile } from "node:fs/promises";
import {
  buildDataset,
  type DatasetBuild,
  type ExtractedDocument,
  type PublishedRecords,
  readPublished,
} from "../build/index.ts";
import { buildCatalog, buildDatasetMetadata, buildSchemaFiles, type MetadataConfig } from "../build/metadata/index.ts";
import { removalsNeedingApproval } from "../publish/guard.ts";
import type {
  ChangeSummary,
  DatasetConfig,
  Diagnostic,
  FetchedDocument,
  IsoDate,
  OutputFile,
  PublishedStore,
  SourcePage,
} from "../types.ts";
import type { RunOptions } from "./index.ts";
import type { PublicationState } from "./publication-state.ts";
import type { DatasetReport } from "./report.ts";

export interface PublicationInput {
  dataset: DatasetConfig;
  options: RunOptions;
  /** Filled in: status, kept records, changes, what was written. */
  report: DatasetReport;
  extracted: ExtractedDocument[];
  /** File names of the documents rejected in this run (their published records are kept). */
  rejected: string[];
  page: SourcePage | null;
  metadata: MetadataConfig;
  /** The local no-change memory, or null for targets that compare on their side. */
  state: PublicationState | null;
  /** Fingerprint of this run's inputs, remembered once they are published intact. */
  inputs: string;
}

export async function publishDataset(input: PublicationInput): Promise<DatasetReport> {
  const { dataset, options, report, extracted, rejected, page, metadata, state, inputs } = input;
  const { progress } = options;
  const clean = rejected.length === 0;
  const store = await options.target.store();
  const previous = await readPublished(store, dataset.slug);
  const proposed = await options.target.proposed(dataset.slug);
  const build = await buildDataset({
    slug: dataset.slug,
    extracted,
    rejected,
    previous,
    ...(proposed ? { datesFrom: await readPublished(proposed, dataset.slug) } : {}),
    store,
    today: options.today,
    readDocument: async (d: FetchedDocument) => new Uint8Array(await readFile(d.path)),
  });
  for (const bad of build.invalid) {
    const entry = report.documents.find((d) => d.file === bad.document);
    if (entry) {
      entry.status = "rejected";
      entry.error = bad.diagnostics[0] ?? null;
      entry.warnings.push(...bad.diagnostics.slice(1));
    }
    for (const d of bad.diagnostics) progress.problem(d);
  }
  report.kept = build.kept;

  const { files, summary } = await assemble(dataset, build, {
    page,
    previous,
    store,
    proposed,
    metadata,
    today: options.today,
    report,
  });
  report.changes = summary;
  const nothingChanged = summary.files.added.length + summary.files.changed.length + summary.files.removed.length === 0;
  if (nothingChanged && !options.target.reconcilesUnchanged) {
    if (state && clean && build.invalid.length === 0 && !options.dryRun) await state.remember(inputs, files);
    report.status = "unchanged";
    progress.info(`${dataset.slug}: nothing changed`);
    return report;
  }
  const held = removalsNeedingApproval(build.changes, previous.engagements.length, {
    allowRemovals: options.allowRemovals,
    maxEngagementRemovalShare: options.config.removals.maxEngagementShare,
  });
  if (held) {
    report.status = "held";
    report.errors.push({ stage: "publish", code: "removals-need-approval", message: held });
    progress.problem(report.errors[0] as Diagnostic);
    return report;
  }
  if (options.dryRun) {
    report.status = nothingChanged ? "unchanged" : "would-publish";
    return report;
  }
  const outcome = await options.target.publish({
    slug: dataset.slug,
    files,
    removals: build.removals,
    summary,
    validation: {
      ok: true,
      details: [`${build.accords.length} accords, ${build.engagements.length} engagements valid`],
    },
  });
  report.written = outcome.written;
  report.removed = outcome.removed;
  report.messages = outcome.messages;
  report.pullRequest = outcome.pullRequest ?? null;
  for (const m of outcome.messages) progress.info(`${dataset.slug}: ${m}`);
  if (outcome.pullRequest?.action === "conflict") {
    report.status = "held";
    report.errors.push({
      stage: "publish",
      code: "maintainer-conflict",
      message: `a maintainer's commit on the publication branch conflicts with this publication; the branch was left alone (${outcome.pullRequest.url ?? "see the pull request"})`,
    });
    return report;
  }
  report.status = nothingChanged ? "unchanged" : "published";
  if (state && clean && build.invalid.length === 0) await state.remember(inputs, files);
  return report;
}

/**
 * Every file of the dataset's publication — records, metadata, catalog, schemas — and what it
 * changes against what is published. The catalog and the published schemas travel with every
 * dataset's publication, so that a pull request for one dataset is complete on its own.
 */
async function assemble(
  dataset: DatasetConfig,
  build: DatasetBuild,
  context: {
    page: SourcePage | null;
    previous: PublishedRecords;
    store: PublishedStore;
    /** A publication awaiting review, whose dates and history carry over. */
    proposed: PublishedStore | null;
    metadata: MetadataConfig;
    today: IsoDate;
    report: DatasetReport;
  },
): Promise<{ files: OutputFile[]; summary: ChangeSummary }> {
  const { page, previous, store, proposed, metadata, today, report } = context;
  const records = recordSummary(dataset.slug, build, previous, page, report);
  const metadataFiles = await buildDatasetMetadata({
    dataset,
    page,
    accords: build.accords,
    engagements: build.engagements,
    dataFiles: build.files,
    previous: proposed ?? store,
    today,
    config: metadata,
    changes: records,
  });
  const datapackage = metadataFiles.find((f) => f.path === `${dataset.slug}/datapackage.json`);
  const catalogFiles = await buildCatalog({
    datasets: datapackage ? [{ dataset, datapackage: datapackage.content }] : [],
    previous: proposed ?? store,
    today,
    config: metadata,
    onWarning: (d) => report.warnings.push(d),
  });
  const files = [...build.files, ...metadataFiles, ...catalogFiles, ...buildSchemaFiles()];
  return { files, summary: { ...records, files: await diffFiles(files, build.removals, store) } };
}

/** Which of the publication's files are new or different from what is published. */
async function diffFiles(
  files: OutputFile[],
  removals: string[],
  store: PublishedStore,
): Promise<ChangeSummary["files"]> {
  const diff: ChangeSummary["files"] = { added: [], changed: [], removed: [...removals] };
  for (const f of files) {
    const state = store.holds ? await store.holds(f.path, f.content) : await readAndCompare(store, f);
    if (state === "absent") diff.added.push(f.path);
    else if (state === "different") diff.changed.push(f.path);
  }
  return diff;
}

async function readAndCompare(store: PublishedStore, file: OutputFile): Promise<"same" | "different" | "absent"> {
  const current = await store.read(file.path);
  if (!current) return "absent";
  return Buffer.from(current).equals(file.content) ? "same" : "different";
}

/** What the publication changes in the records, before its files are known. */
function recordSummary(
  slug: string,
  build: DatasetBuild,
  previous: PublishedRecords,
  page: SourcePage | null,
  report: DatasetReport,
): ChangeSummary {
  const first = previous.accords.find((a) => a.url_page_source);
  const before: SourcePage | null = first?.url_page_source
    ? {
        url: first.url_page_source,
        title: null,
        description: null,
        dateCreation: first.date_creation_source,
        dateMaj: first.date_maj_source,
        fileCount: null,
        totalSize: null,
      }
    : null;
  return {
    slug,
    accords: build.changes.accords,
    engagements: build.changes.engagements,
    files: { added: [], changed: [], removed: [] },
    sourcePage: { before, after: page },
    rejected: report.documents
      .filter((d) => d.status === "rejected" && d.error)
      .map((d) => ({ document: d.file, code: d.error?.code ?? "", message: d.error?.message ?? "" })),
    warnings: [...report.warnings, ...report.documents.flatMap((d) => d.warnings)],
  };
}
