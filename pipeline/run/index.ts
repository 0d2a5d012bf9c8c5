import { availableParallelism } from "node:os";
import path from "node:path";
import type { Dispatcher } from "undici";
import type { ExtractedDocument } from "../build/index.ts";
import { type MetadataConfig, type MetadataConfigInput, resolveMetadataConfig } from "../build/metadata/config.ts";
import { allowedSchemes } from "../config/index.ts";
import { discover, discoveryMemory } from "../discover/index.ts";
import { PipelineError } from "../errors.ts";
import { ocrSettingsKey, ocrWorkersPerDocument } from "../extract/ocr/settings.ts";
import { EXTRACTOR_VERSION } from "../extract/version.ts";
import { createFetcher, USER_AGENT } from "../fetch/index.ts";
import type { Target } from "../publish/target.ts";
import type {
  DatasetConfig,
  Diagnostic,
  DocumentRef,
  ExtractionResult,
  ExtractOptions,
  FetchedDocument,
  IsoDate,
  OcrProgress,
  PipelineConfig,
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
        memory: discoveryMemory(path.join(config.cacheDir, "pages")),
      });
      page ??= found.page;
      report.warnings.push(...found.warnings);
      for (const ref of found.documents) if (!refs.some((r) => r.fileName === ref.fileName)) refs.push(ref);
    }
    for (const w of report.warnings) progress.problem(w);
    progress.info(`${dataset.slug}: ${refs.length} document(s) listed`);

    // Each document is handed to extraction as soon as it is downloaded: the threads work while the
    // rest downloads. Results keep the page's order.
    const settings = extractionSettings(config);
    const extract = extractor(refs.length, options, pool, settings);
    const extracting: Promise<Extraction | null>[] = [];
    const documents = await fetchAll(refs, fetcher.fetchDocument, config.limits.concurrency, progress, (i, item) => {
      const job = extract(item);
      job.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
      extracting[i] = job;
    });
    const results = await Promise.all(extracting);
    // Each thread keeps its PDF engines' memory (hundreds of MB): free it before the build needs its own.
    await pool.close();
    const { extracted, rejected } = sortOut(documents, results, report);

    // A local publication made from exactly these inputs, still intact, needs no rebuild.
    const state =
      options.target.name === "local" ? publicationState(config.cacheDir, dataset.slug, config.output) : null;
    const clean = rejected.length === 0;
    const inputs = inputsFingerprint({
      tool: USER_AGENT,
      extraction: settings.key,
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

    // Loaded here: a run that stops above never loads the build, metadata, RDF and CSV modules.
    const { publishDataset } = await import("./publication.ts");
    return await publishDataset({ dataset, options, report, extracted, rejected, page, metadata, state, inputs });
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
  results: (Extraction | null)[],
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

type Extraction = { result: ExtractionResult; cached: boolean };

/** Extraction of one fetched document through the pool, cached results first; null for a failed download. */
interface ExtractionSettings {
  ocr: ExtractOptions["ocr"];
  /** What the results depend on: the rules and what OCR may read. Keys the cache and the run's fingerprint. */
  key: string;
}

function extractionSettings(config: PipelineConfig): ExtractionSettings {
  const ocr = config.ocr.enabled
    ? {
        ...config.ocr,
        workers: config.ocr.workers || ocrWorkersPerDocument(config.limits.workers || availableParallelism()),
        cacheDir: path.join(config.cacheDir, "ocr"),
      }
    : undefined;
  return { ocr, key: `${EXTRACTOR_VERSION}\n${ocr ? ocrSettingsKey(ocr) : "no-ocr"}` };
}

function extractor(
  total: number,
  options: RunOptions,
  pool: ExtractionPool,
  { ocr, key }: ExtractionSettings,
): (item: Fetched) => Promise<Extraction | null> {
  const { config, progress } = options;
  const cache = extractionCache(config.cacheDir, key);
  let done = 0;
  return async (item) => {
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
          const { page, done, total } = p as OcrProgress;
          progress.step(done, total, "ocr", doc.ref.fileName, `page ${page}`);
        },
      ));
    if (!hit && !(!result.ok && TRANSIENT.has(result.code))) await cache.set(doc.sha256, result);
    done++;
    const detail = result.ok ? `${result.agreement.engagements.length} engagements` : result.code;
    progress.step(done, total, hit ? "cached" : "extract", doc.ref.fileName, detail);
    for (const w of result.warnings) progress.problem(w);
    if (!result.ok) progress.problem(result.error);
    return { result, cached: hit !== null };
  };
}

type Fetched = Awaited<ReturnType<ReturnType<typeof createFetcher>["fetchDocument"]>>;

/** Downloads with bounded concurrency; results keep the page's order. */
async function fetchAll(
  refs: DocumentRef[],
  fetchDocument: (ref: DocumentRef) => Promise<Fetched>,
  concurrency: number,
  progress: Progress,
  onFetched: (index: number, result: Fetched) => void,
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
      onFetched(i, result);
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
