/**
 * FETCH: brings each discovered document into the local cache, downloading it only when the
 * server says it changed, and refuses anything that is not a complete PDF within the limits.
 */
import { createReadStream } from "node:fs";
import { open as openFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Agent, type Dispatcher } from "undici";
import pkg from "../../package.json" with { type: "json" };
import { fallbackFileName, sanitizeFileName } from "../discover/filename.ts";
import { PipelineError } from "../errors.ts";
import type { DocumentRef, FetchedDocument, FetchedPage, FetchOutcome, Limits, Validators } from "../types.ts";
import { type CacheEntry, DocumentCache } from "./cache.ts";
import { contentDispositionFileName } from "./content-disposition.ts";
import { FetchError, toFetchError } from "./fetch-error.ts";
import {
  expectOk,
  type HttpPolicy,
  header,
  type OpenResponse,
  open,
  type RetryEvent,
  readBody,
  withRetries,
} from "./http.ts";
import { PdfBodyCheck } from "./pdf-check.ts";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./retry.ts";

export { type CacheEntry, cacheKey } from "./cache.ts";
export { mapLimit } from "./concurrency.ts";
export { contentDispositionFileName } from "./content-disposition.ts";
export { FetchError, type FetchErrorCode } from "./fetch-error.ts";
export { MAX_REDIRECTS, type RetryEvent } from "./http.ts";
export { sniffPdf } from "./pdf-check.ts";
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, retryDelay } from "./retry.ts";

export const USER_AGENT = `accords-ouverts/${pkg.version} (+${pkg.homepage})`;

/** Package pages are small HTML; anything bigger is not one. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface FetcherOptions {
  cacheDir: string;
  limits: Limits;
  allowedHosts: ReadonlySet<string>;
  allowedSchemes: ReadonlySet<"https:" | "http:">;
  userAgent: string;
  /** Called for every chunk received. */
  onProgress?: (e: { document: string; bytes: number; total: number | null }) => void;
  /** Called before each retry, e.g. to log "retrying in 2 s". */
  onRetry?: (e: RetryEvent) => void;
  /** Retry delays; Retry-After is capped by `maxDelayMs` too (defaults 500 ms, 30 s). */
  backoff?: Partial<BackoffOptions>;
  /** Injected by tests; not closed by `close()`. Without it, an Agent with a connect timeout is used. */
  dispatcher?: Dispatcher;
}

export interface Fetcher {
  /**
   * A page's text, or "not-modified" when `known` validators are given and the server says the page
   * did not change since; throws PipelineError (stage "discover", code as in FetchErrorCode).
   */
  fetchPage(url: string, known?: Validators): Promise<FetchedPage | "not-modified">;
  /** Never throws: failures are `{ ok: false }` outcomes with a stage "fetch" diagnostic. */
  fetchDocument(ref: DocumentRef): Promise<FetchOutcome>;
  close(): Promise<void>;
}

export function createFetcher(opts: FetcherOptions): Fetcher {
  const { limits } = opts;
  const dispatcher =
    opts.dispatcher ??
    new Agent({
      connect: { timeout: limits.requestTimeoutMs },
      headersTimeout: limits.requestTimeoutMs,
      bodyTimeout: limits.requestTimeoutMs,
    });
  const policy: HttpPolicy = {
    dispatcher,
    allowedHosts: opts.allowedHosts,
    allowedSchemes: opts.allowedSchemes,
    userAgent: opts.userAgent,
    timeoutMs: limits.requestTimeoutMs,
    retries: limits.retries,
    backoff: { ...DEFAULT_BACKOFF, ...opts.backoff },
    ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
  };
  const cache = new DocumentCache(opts.cacheDir);

  async function fetchPage(url: string, known?: Validators): Promise<FetchedPage | "not-modified"> {
    try {
      return await withRetries(url, policy, async () => {
        const accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
        const res = await open(url, { accept, ...conditionalHeaders(known) }, policy);
        if (res.status === 304 && known) {
          await res.body.dump().catch(() => undefined);
          return "not-modified";
        }
        await expectOk(res);
        const chunks: Buffer[] = [];
        await readBody(res, MAX_PAGE_BYTES, (chunk) => {
          chunks.push(chunk);
        });
        return {
          url: res.url,
          body: decodeText(Buffer.concat(chunks), header(res, "content-type")),
          validators: validatorsOf(res),
        };
      });
    } catch (e) {
      const err = toFetchError(e, url);
      throw new PipelineError({ stage: "discover", code: err.code, message: err.message, document: url }, { cause: e });
    }
  }

  /** Downloads `ref` once (one attempt of the retry loop), or answers from the cache on 304. */
  async function download(ref: DocumentRef, cached: CacheEntry | null): Promise<FetchedDocument> {
    const res = await open(ref.url, { accept: "application/pdf,*/*;q=0.5", ...conditionalHeaders(cached) }, policy);
    if (res.status === 304 && cached) {
      await res.body.dump().catch(() => undefined);
      return fromCache(ref, cached);
    }
    await expectOk(res);
    const fileName = nameFromServer(ref, header(res, "content-disposition"));
    const check = new PdfBodyCheck(`${fileName} (${res.url})`);
    const tmp = await cache.tempPath(ref.url);
    const file = await openFile(tmp, "w");
    try {
      await readBody(res, limits.maxDownloadBytes, async (chunk, bytes, total) => {
        check.push(chunk);
        await file.write(chunk);
        opts.onProgress?.({ document: fileName, bytes, total });
      });
      await file.close();
      const { sha256, size } = check.finish();
      const unchanged = cached?.sha256 === sha256;
      const entry: CacheEntry = {
        url: ref.url,
        ...validatorsOf(res),
        sha256,
        size,
        fileName,
        fetchedAt: new Date().toISOString(),
      };
      // Same bytes: keep the cached file, only the validators are refreshed.
      await cache.commit(entry, unchanged ? undefined : tmp);
      if (unchanged) await rm(tmp, { force: true });
      return { ref: { ...ref, fileName }, path: cache.bodyPath(ref.url), sha256, size, unchanged };
    } catch (e) {
      await file.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw e;
    }
  }

  function fromCache(ref: DocumentRef, cached: CacheEntry): FetchedDocument {
    const fileName = needsServerName(ref) ? cached.fileName : ref.fileName;
    const { sha256, size } = cached;
    return { ref: { ...ref, fileName }, path: cache.bodyPath(ref.url), sha256, size, unchanged: true };
  }

  /** A directory source: the file is used where it is; the cache only remembers its digest. */
  async function readLocal(ref: DocumentRef): Promise<FetchedDocument> {
    const file = fileURLToPath(ref.url);
    const check = new PdfBodyCheck(ref.fileName);
    try {
      let bytes = 0;
      for await (const chunk of createReadStream(file)) {
        bytes += (chunk as Buffer).length;
        if (bytes > limits.maxDownloadBytes)
          throw new FetchError("too-large", `${file}: larger than the limit of ${limits.maxDownloadBytes} bytes`);
        check.push(chunk as Buffer);
      }
    } catch (e) {
      if (e instanceof FetchError) throw e;
      throw new FetchError("io", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`, { cause: e });
    }
    const { sha256, size } = check.finish();
    const previous = await cache.readEntry(ref.url);
    const entry: CacheEntry = {
      url: ref.url,
      etag: null,
      lastModified: null,
      sha256,
      size,
      fileName: ref.fileName,
      fetchedAt: new Date().toISOString(),
    };
    await cache.commit(entry);
    return { ref, path: file, sha256, size, unchanged: previous?.sha256 === sha256 };
  }

  async function fetchDocument(ref: DocumentRef): Promise<FetchOutcome> {
    try {
      if (ref.url.startsWith("file:")) return { ok: true, document: await readLocal(ref) };
      const cached = await cache.readVerified(ref.url);
      return { ok: true, document: await withRetries(ref.url, policy, () => download(ref, cached)) };
    } catch (e) {
      const err = toFetchError(e, ref.url);
      return {
        ok: false,
        ref,
        error: { stage: "fetch", code: err.code, message: err.message, document: ref.fileName },
      };
    }
  }

  return {
    fetchPage,
    fetchDocument,
    close: async () => {
      if (dispatcher !== opts.dispatcher) await dispatcher.close();
    },
  };
}

function validatorsOf(res: OpenResponse): Validators {
  return { etag: header(res, "etag"), lastModified: header(res, "last-modified") };
}

/** Headers that make a request conditional on what the server said of the version we hold. */
function conditionalHeaders(known: Validators | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (known?.etag) headers["if-none-match"] = known.etag;
  if (known?.lastModified) headers["if-modified-since"] = known.lastModified;
  return headers;
}

/** The page could not name this document (its name is empty or the fallback derived from its URL). */
function needsServerName(ref: DocumentRef): boolean {
  const path = new URL(ref.url).pathname;
  return !/\.pdf$/i.test(path) && (ref.fileName === "" || ref.fileName === fallbackFileName(ref.url));
}

function nameFromServer(ref: DocumentRef, disposition: string | null): string {
  if (!needsServerName(ref)) return ref.fileName;
  const sent = contentDispositionFileName(disposition);
  return sent ? sanitizeFileName(sent).name : ref.fileName || fallbackFileName(ref.url);
}

function decodeText(bytes: Buffer, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
