import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Dispatcher } from "undici";
import {
  buildDataset,
  type DatasetBuild,
  type ExtractedDocument,
  type PublishedRecords,
  readPublished,
} from "../build/index.ts";
import {
  buildCatalog,
  buildDatasetMetadata,
  buildSchemaFiles,
  type MetadataConfig,
  type MetadataConfigInput,
  resolveMetadataConfig,
} from "../build/metadata/index.ts";
import { allowedSchemes } from "../config/index.ts";
import { discover } from "../discover/index.ts";
import { PipelineError } from "../errors.ts";
import { EXTRACTOR_VERSION } from "../extract/index.ts";
import { ocrWorkersPerDocument } from "../extract/ocr/apply.ts";
import { ocrSettingsKey } from "../extract/ocr/index.ts";
import { createFetcher, USER_AGENT } from "../fetch/index.ts";
import { removalsNeedingApproval } from "../publish/guard.ts";
import type { Target } from "../publish/target.ts";
import type {
  ChangeSummary,
  DatasetConfig,
  Diagnostic,
  DocumentRef,
  ExtractionResult,
  FetchedDocument,
  IsoDate,
  OutputFile,
  PipelineConfig,
  PublishedStore,
  SourcePage,
} from "../types.ts";
import { createExtractionPool, type ExtractionPool } from "./extract-pool.ts";
import { extractionCache } from "./extraction-cache.ts";
import type { Progress } from "./progress.ts";
import { formatBytes } from "./progress.ts";
import { inputsFingerprint, publicationState } from "./publication-state.ts";
import { type DatasetReport, type DocumentReport, exitCodeOf, type RunReport } from "./report.ts";

export interface RunOptions {
  config: PipelineConfig;
  target: Target;
  dryRun: boolean;
  allowRemovals: boolean;
  /** UTC date of the run (injected so tests can move time). */
  today: IsoDate;
  progress: Progress;
  /** Network access (undici); tests inject failing ones. */
  dispatcher?: Dispatcher;
}

/** The whole job: every configured dataset through every stage. Never throws for bad input. */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const { limits } = options.config;
  const pool = createExtractionPool({
    size: limits.workers || undefined,
    memoryMb: limits.workerMemoryMb,
    timeoutMs: limits.documentTimeoutMs,
  });
  const metadata = resolveMetadataConfig(options.config.metadata as MetadataConfigInput | undefined);
  const datasets: DatasetReport[] = [];
  try {
    for (const dataset of options.config.datasets) datasets.push(await runDataset(dataset, options, pool, metadata));
  } finally {
    await pool.close();
  }
  return {
    tool: USER_AGENT,
    target: options.target.name,
    dryRun: options.dryRun,
    exitCode: exitCodeOf(datasets, []),
    datasets,
    errors: [],
  };
}

function emptyReport(dataset: DatasetConfig): DatasetReport {
  return {
    slug: dataset.slug,
    status: "failed",
    sources: dataset.sources.map((s) => (s.kind === "page" ? s.url : s.path)),
    documents: [],
    kept: [],
    changes: null,
    written: [],
    removed: [],
    pullRequest: null,
    messages: [],
    errors: [],
    warnings: [],
  };
}

async function runDataset(
  dataset: DatasetConfig,
  options: RunOptions,
  pool: ExtractionPool,
  metadata: MetadataConfig,
): Promise<DatasetReport> {
  const { config, progress } = options;
  const report = emptyReport(dataset);
  const fetcher = createFetcher({
    cacheDir: path.join(config.cacheDir, "downloads"),
    limits: config.limits,
    allowedHosts: new Set(dataset.allowedHosts),
    allowedSchemes: allowedSchemes(dataset),
    userAgent: USER_AGENT,
    dispatcher: options.dispatcher,
  });
  try {
    progress.info(`${dataset.slug}: discovering documents`);
    let page: SourcePage | null = null;
    const refs: DocumentRef[] = [];
    for (const source of dataset.sources) {
      const found = await discover(source, {
        fetchPage: fetcher.fetchPage,
        allowedHosts: new Set(dataset.allowedHosts),
      });
      page ??= found.page;
      report.warnings.push(...found.warnings);
      for (const ref of found.documents) if (!refs.some((r) => r.fileName === ref.fileName)) refs.push(ref);
    }
    for (const w of report.warnings) progress.problem(w);
    progress.info(`${dataset.slug}: ${refs.length} document(s) listed`);

    const documents = await fetchAll(refs, fetcher.fetchDocument, config.limits.concurrency, progress);
    const { extracted, rejected } = sortOut(documents, await extractAll(documents, options, pool), report);

    // A local publication made from exactly these inputs, still intact, needs no rebuild.
    const state =
      options.target.name === "local" ? publicationState(config.cacheDir, dataset.slug, config.output) : null;
    const clean = rejected.length === 0;
    const inputs = inputsFingerprint({
      tool: USER_AGENT,
      extractor: EXTRACTOR_VERSION,
      ocr: config.ocr,
      dataset,
      metadata,
      removals: config.removals,
      page,
      documents: report.documents.map((d) => [d.file, d.url, d.sha256]),
    });
    if (state && clean && (await state.unchanged(inputs))) {
      report.status = "unchanged";
      progress.info(`${dataset.slug}: nothing changed (same inputs as the last publication)`);
      return report;
    }

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
    const nothingChanged =
      summary.files.added.length + summary.files.changed.length + summary.files.removed.length === 0;
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
  } catch (error) {
    const diagnostic: Diagnostic =
      error instanceof PipelineError
        ? error.diagnostic
        : { stage: "build", code: "internal", message: (error as Error).stack ?? String(error) };
    report.errors.push(diagnostic);
    report.status = "failed";
    progress.problem(diagnostic);
    return report;
  } finally {
    await fetcher.close();
  }
}

/** Reports every document, and splits them into extracted agreements and rejected file names. */
function sortOut(
  documents: Fetched[],
  results: ({ result: ExtractionResult; cached: boolean } | null)[],
  report: DatasetReport,
): { extracted: ExtractedDocument[]; rejected: string[] } {
  const extracted: ExtractedDocument[] = [];
  const rejected: string[] = [];
  for (const [i, item] of documents.entries()) {
    const outcome = results[i];
    if (!item.ok) {
      report.documents.push(rejectedReport(item.ref, item.error, false, null));
      rejected.push(item.ref.fileName);
      continue;
    }
    if (!outcome) continue;
    const doc = item.document;
    const { result, cached } = outcome;
    if (!result.ok) {
      report.documents.push(rejectedReport(doc.ref, result.error, !doc.unchanged, doc, result.warnings));
      rejected.push(doc.ref.fileName);
      continue;
    }
    extracted.push({ document: doc, agreement: result.agreement });
    report.documents.push({
      file: doc.ref.fileName,
      url: doc.ref.url,
      status: cached ? "cached" : "extracted",
      downloaded: !doc.unchanged,
      sha256: doc.sha256,
      bytes: doc.size,
      engagements: result.agreement.engagements.length,
      ocrPages: result.ocrPages ?? [],
      engagementsFromOcr: ocrRanks(result),
      error: null,
      warnings: result.warnings,
    });
  }
  return { extracted, rejected };
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

/** 1-based ranks (the `id_engagement` suffix) of the commitments that start on an OCR'd page. */
function ocrRanks(result: ExtractionResult & { ok: true }): number[] {
  const pages = new Set((result.ocrPages ?? []).map((p) => p.page));
  return result.agreement.engagements.flatMap((e, i) => (pages.has(e.page) ? [i + 1] : []));
}

function rejectedReport(
  ref: DocumentRef,
  error: Diagnostic,
  downloaded: boolean,
  document: FetchedDocument | null,
  warnings: Diagnostic[] = [],
): DocumentReport {
  return {
    file: ref.fileName,
    url: ref.url,
    status: "rejected",
    downloaded,
    sha256: document?.sha256 ?? null,
    bytes: document?.size ?? null,
    engagements: null,
    ocrPages: [],
    engagementsFromOcr: [],
    error,
    warnings,
  };
}

/** Failures that may not happen again: never cached. */
const TRANSIENT: ReadonlySet<string> = new Set(["timeout", "out-of-memory", "worker-crashed"]);

/** Extracts every fetched document through the pool (cached results first); results keep the input order. */
async function extractAll(
  documents: Fetched[],
  options: RunOptions,
  pool: ExtractionPool,
): Promise<({ result: ExtractionResult; cached: boolean } | null)[]> {
  const { config, progress } = options;
  const ocr = config.ocr.enabled
    ? {
        ...config.ocr,
        workers: config.ocr.workers || ocrWorkersPerDocument(config.limits.workers || availableParallelism()),
        cacheDir: path.join(config.cacheDir, "ocr"),
      }
    : undefined;
  // Results depend on the rules and on what OCR may read: both are in the cache key.
  const cache = extractionCache(config.cacheDir, EXTRACTOR_VERSION, ocr ? ocrSettingsKey(ocr) : "no-ocr");
  let done = 0;
  return Promise.all(
    documents.map(async (item) => {
      if (!item.ok) return null;
      const doc = item.document;
      const hit = await cache.get(doc.sha256);
      const result =
        hit ??
        (await pool.run(
          {
            path: doc.path,
            options: { fileName: doc.ref.fileName, maxPages: config.limits.maxPages, sha256: doc.sha256, ocr },
          },
          (p) => {
            const { page, done, total } = p as { page: number; done: number; total: number };
            progress.step(done, total, "ocr", doc.ref.fileName, `page ${page}`);
          },
        ));
      if (!hit && !(!result.ok && TRANSIENT.has(result.code))) await cache.set(doc.sha256, result);
      done++;
      const detail = result.ok ? `${result.agreement.engagements.length} engagements` : result.code;
      progress.step(done, documents.length, hit ? "cached" : "extract", doc.ref.fileName, detail);
      for (const w of result.warnings) progress.problem(w);
      if (!result.ok) progress.problem(result.error);
      return { result, cached: hit !== null };
    }),
  );
}

type Fetched = Awaited<ReturnType<ReturnType<typeof createFetcher>["fetchDocument"]>>;

/** Downloads with bounded concurrency; results keep the page's order. */
async function fetchAll(
  refs: DocumentRef[],
  fetchDocument: (ref: DocumentRef) => Promise<Fetched>,
  concurrency: number,
  progress: Progress,
): Promise<Fetched[]> {
  const results: Fetched[] = new Array(refs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i] as DocumentRef;
      const result = await fetchDocument(ref);
      results[i] = result;
      done++;
      const detail = result.ok
        ? `${formatBytes(result.document.size)}${result.document.unchanged ? ", unchanged" : ""}`
        : result.error.code;
      progress.step(done, refs.length, "fetch", ref.fileName, detail);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, refs.length) }, worker));
  return results;
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
