import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PipelineError } from "../../pipeline/errors.ts";
import { createFetcher, type FetcherOptions, type RetryEvent, USER_AGENT } from "../../pipeline/fetch/index.ts";
import type { DocumentRef, FetchOutcome, Limits } from "../../pipeline/types.ts";
import { type SiteServer, startSiteServer } from "../helpers/site-server.ts";

const SITE = new URL("../fixtures/site/", import.meta.url);
const FILES = "/wp-content/uploads/download-manager-files/";
const MEL = `${FILES}Accord-cadre-Region-MEL.pdf`;

const LIMITS: Limits = {
  maxDownloadBytes: 1_000_000,
  maxPages: 100,
  requestTimeoutMs: 2000,
  documentTimeoutMs: 10_000,
  retries: 2,
  concurrency: 2,
  workers: 1,
  workerMemoryMb: 256,
};

let site: SiteServer;
let cacheDir: string;
const fetchers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  site = await startSiteServer({ root: SITE.pathname });
});
afterAll(() => site.close());
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "accords-fetch-"));
});
afterEach(async () => {
  site.reset();
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  await rm(cacheDir, { recursive: true, force: true });
});

function fetcher(overrides: Partial<Omit<FetcherOptions, "limits">> & { limits?: Partial<Limits> } = {}) {
  const f = createFetcher({
    cacheDir,
    allowedHosts: new Set([site.host]),
    allowedSchemes: new Set(["http:", "https:"]),
    userAgent: USER_AGENT,
    backoff: { baseDelayMs: 5, maxDelayMs: 60 },
    ...overrides,
    limits: { ...LIMITS, ...overrides.limits },
  });
  fetchers.push(f);
  return f;
}

function ref(pathOrUrl: string, fileName = path.posix.basename(new URL(pathOrUrl, site.origin).pathname)): DocumentRef {
  return { url: new URL(pathOrUrl, site.origin).href, fileName, page: null };
}

async function fixtureSha(name: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(new URL(`wp-content/uploads/download-manager-files/${name}`, SITE)))
    .digest("hex");
}

function expectError(outcome: FetchOutcome, code: string) {
  if (outcome.ok) throw new Error(`expected ${code}, got a document`);
  if (outcome.error.code !== code)
    throw new Error(`expected ${code}, got ${outcome.error.code}: ${outcome.error.message}`);
  expect(outcome.error).toMatchObject({ stage: "fetch", code, document: outcome.ref.fileName });
  return outcome.error;
}

function expectDocument(outcome: FetchOutcome) {
  if (!outcome.ok) throw new Error(`expected a document, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.document;
}

async function leftovers(): Promise<string[]> {
  const files = await readdir(path.join(cacheDir, "documents")).catch(() => []);
  return files.filter((f) => f.endsWith(".tmp"));
}

describe("fetchDocument — cache and conditional requests", () => {
  it("downloads once, then a 304 answers from the cache", async () => {
    const f = fetcher();
    const first = expectDocument(await f.fetchDocument(ref(MEL)));
    expect(first).toMatchObject({
      unchanged: false,
      size: 81874,
      sha256: await fixtureSha("Accord-cadre-Region-MEL.pdf"),
    });
    expect(first.path.startsWith(path.join(cacheDir, "documents"))).toBe(true);
    expect((await readFile(first.path)).subarray(0, 5).toString()).toBe("%PDF-");

    const second = expectDocument(await f.fetchDocument(ref(MEL)));
    expect(second).toEqual({ ...first, unchanged: true });
    expect(site.requests(MEL)).toBe(2);
    expect(site.log.at(-1)?.headers).toMatchObject({ "if-none-match": expect.stringMatching(/^"[0-9a-f]{40}"$/) });
    expect(site.log.at(-1)?.headers["user-agent"]).toBe(USER_AGENT);
  });

  it("reports unchanged when the server sends the same bytes again", async () => {
    const f = fetcher();
    const first = expectDocument(await f.fetchDocument(ref(MEL)));
    const entryFile = first.path.replace(/\.pdf$/, ".json");
    const entry = JSON.parse(await readFile(entryFile, "utf8"));
    await writeFile(entryFile, JSON.stringify({ ...entry, etag: '"stale"', lastModified: null }));
    const second = expectDocument(await f.fetchDocument(ref(MEL)));
    expect(second).toMatchObject({ unchanged: true, sha256: first.sha256 });
    expect(site.requests(MEL)).toBe(2);
  });

  it("treats a corrupt entry or a damaged cached file as a miss", async () => {
    const f = fetcher();
    const first = expectDocument(await f.fetchDocument(ref(MEL)));
    await writeFile(first.path.replace(/\.pdf$/, ".json"), "{not json");
    expect(expectDocument(await f.fetchDocument(ref(MEL))).unchanged).toBe(false);
    await writeFile(first.path, "%PDF-damaged");
    const third = expectDocument(await f.fetchDocument(ref(MEL)));
    expect(third).toMatchObject({ unchanged: false, sha256: first.sha256 });
    expect(site.log.at(-1)?.headers["if-none-match"]).toBeUndefined();
  });

  it("reports progress", async () => {
    const seen: { document: string; bytes: number; total: number | null }[] = [];
    await fetcher({ onProgress: (e) => seen.push(e) }).fetchDocument(ref(MEL));
    expect(seen.at(-1)).toEqual({ document: "Accord-cadre-Region-MEL.pdf", bytes: 81874, total: 81874 });
  });
});

describe("fetchDocument — retries", () => {
  it("retries a 500 and succeeds", async () => {
    site.fault(MEL, { kind: "status", status: 500, times: 1 });
    expectDocument(await fetcher().fetchDocument(ref(MEL)));
    expect(site.requests(MEL)).toBe(2);
  });

  it("honours Retry-After on 429, within the cap", async () => {
    site.fault(MEL, { kind: "status", status: 429, retryAfter: "1", times: 1 });
    const retries: RetryEvent[] = [];
    expectDocument(await fetcher({ onRetry: (e) => retries.push(e) }).fetchDocument(ref(MEL)));
    expect(retries).toEqual([expect.objectContaining({ retry: 1, delayMs: 60, code: "http-status" })]);
  });

  it("gives up after `retries` retries", async () => {
    site.fault(MEL, { kind: "status", status: 503 });
    const error = expectError(await fetcher().fetchDocument(ref(MEL)), "http-status");
    expect(error.message).toContain("503");
    expect(site.requests(MEL)).toBe(3);
  });

  it("does not retry a 404", async () => {
    const missing = `${FILES}absent.pdf`;
    const error = expectError(await fetcher().fetchDocument(ref(missing)), "http-status");
    expect(error.message).toContain("404");
    expect(site.requests(missing)).toBe(1);
  });

  it("reports a truncated body, and retries it", async () => {
    site.fault(MEL, { kind: "truncate" });
    const error = expectError(await fetcher({ limits: { retries: 0 } }).fetchDocument(ref(MEL)), "truncated");
    expect(error.message).toContain("of 81874 bytes");
    expect(await leftovers()).toEqual([]);
    site.fault(MEL, { kind: "truncate", times: 1 });
    expectDocument(await fetcher().fetchDocument(ref(MEL)));
  });

  it("cuts a stalled body after the idle timeout", async () => {
    site.fault(MEL, { kind: "stall" });
    const f = fetcher({ limits: { requestTimeoutMs: 200, retries: 0 } });
    expectError(await f.fetchDocument(ref(MEL)), "timeout");
    expect(await leftovers()).toEqual([]);
  });

  it("reports a connection reset mid-body as a network error", async () => {
    site.fault(MEL, { kind: "reset" });
    expectError(await fetcher({ limits: { retries: 1 } }).fetchDocument(ref(MEL)), "network");
    expect(site.requests(MEL)).toBe(2);
  });

  it("reports a refused connection as a network error", async () => {
    const port = await closedPort();
    const f = fetcher({ allowedHosts: new Set([`127.0.0.1:${port}`]), limits: { retries: 1 } });
    expectError(await f.fetchDocument(ref(`http://127.0.0.1:${port}/a.pdf`)), "network");
  });

  it("retries a DNS failure once at most", async () => {
    let lookups = 0;
    const dispatcher = new Agent({
      connect: {
        lookup: (hostname: string, _options: unknown, callback: (e: Error) => void) => {
          lookups++;
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
        },
      } as object,
    });
    const f = fetcher({ dispatcher, allowedHosts: new Set(["accords.test"]), limits: { retries: 5 } });
    expectError(await f.fetchDocument(ref("http://accords.test/a.pdf")), "dns");
    expect(lookups).toBe(2);
    await dispatcher.close();
  });
});

describe("fetchDocument — what is not a complete PDF within limits", () => {
  it("cuts an oversized body while streaming", async () => {
    site.fault(MEL, { kind: "oversized", bytes: 20_000_000 });
    const error = expectError(
      await fetcher({ limits: { maxDownloadBytes: 100_000 } }).fetchDocument(ref(MEL)),
      "too-large",
    );
    expect(error.message).toContain("100000");
    expect(site.requests(MEL)).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses an announced Content-Length above the limit without reading the body", async () => {
    site.fault(MEL, { kind: "oversized", bytes: 20_000_000, announce: true });
    expectError(await fetcher({ limits: { maxDownloadBytes: 100_000 } }).fetchDocument(ref(MEL)), "too-large");
  });

  it("refuses an HTML page served as a PDF, without retrying", async () => {
    site.fault(MEL, { kind: "body", body: "<!DOCTYPE html><html><body>Erreur</body></html>" });
    const error = expectError(await fetcher().fetchDocument(ref(MEL)), "not-a-pdf");
    expect(error.message).toContain("<!DOCTYPE html>");
    expect(site.requests(MEL)).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses an empty body", async () => {
    site.fault(MEL, { kind: "body", body: "" });
    expect(expectError(await fetcher().fetchDocument(ref(MEL)), "not-a-pdf").message).toContain("empty");
  });

  it("accepts a PDF whatever its Content-Type", async () => {
    site.fault(MEL, { kind: "content-type", type: "text/html; charset=utf-8" });
    expectDocument(await fetcher().fetchDocument(ref(MEL)));
  });
});

describe("fetchDocument — redirects and allowed hosts", () => {
  it("follows a redirect on an allowed host", async () => {
    site.fault("/ancien/accord.pdf", { kind: "redirect", location: MEL, status: 301 });
    const doc = expectDocument(await fetcher().fetchDocument(ref("/ancien/accord.pdf")));
    expect(doc.sha256).toBe(await fixtureSha("Accord-cadre-Region-MEL.pdf"));
  });

  it("stops a redirect loop", async () => {
    site.fault(MEL, { kind: "redirect-loop" });
    expectError(await fetcher().fetchDocument(ref(MEL)), "redirect-loop");
    expect(site.requests(MEL)).toBe(1);
  });

  it("stops an endless chain of redirects after 5 hops", async () => {
    site.fault(MEL, { kind: "redirect-loop", distinct: true });
    expectError(await fetcher().fetchDocument(ref(MEL)), "too-many-redirects");
    expect(site.requests(MEL)).toBe(6);
  });

  it("refuses a redirect to another host or scheme before following it", async () => {
    site.fault(MEL, { kind: "redirect", location: `http://localhost:${site.port}${MEL}` });
    expect(expectError(await fetcher().fetchDocument(ref(MEL)), "host-not-allowed").message).toContain("localhost");
    site.fault(MEL, { kind: "redirect", location: "file:///etc/passwd" });
    expectError(await fetcher().fetchDocument(ref(MEL)), "scheme-not-allowed");
    expect(site.requests(MEL)).toBe(2);
  });

  it("refuses a document on a host that is not allowed, without a request", async () => {
    expectError(await fetcher({ allowedHosts: new Set(["example.org"]) }).fetchDocument(ref(MEL)), "host-not-allowed");
    expect(site.requests(MEL)).toBe(0);
  });
});

describe("fetchDocument — Download Manager links", () => {
  const link = "/download/accords-wpdmdl/?wpdmdl=48213&ind=1";

  it("names a document the page could not name from Content-Disposition", async () => {
    const doc = expectDocument(await fetcher().fetchDocument(ref(link, "wpdmdl-48213-1.pdf")));
    expect(doc.ref.fileName).toBe("Accord-cadre-Region-CU-Dunkerque.pdf");
    expect(doc.sha256).toBe(await fixtureSha("Accord-cadre-Region-CU-Dunkerque.pdf"));
    const again = expectDocument(await fetcher().fetchDocument(ref(link, "wpdmdl-48213-1.pdf")));
    expect(again).toMatchObject({ unchanged: true, ref: { fileName: "Accord-cadre-Region-CU-Dunkerque.pdf" } });
  });

  it("keeps the name the page gave", async () => {
    const doc = expectDocument(await fetcher().fetchDocument(ref(link, "Dunkerque.pdf")));
    expect(doc.ref.fileName).toBe("Dunkerque.pdf");
  });
});

describe("fetchDocument — local files (directory source)", () => {
  it("uses the file where it is and reports unchanged on the second run", async () => {
    const file = new URL(`wp-content/uploads/download-manager-files/Accord-cadre-Region-MEL.pdf`, SITE);
    const local: DocumentRef = { url: file.href, fileName: "Accord-cadre-Region-MEL.pdf", page: null };
    const first = expectDocument(await fetcher().fetchDocument(local));
    expect(first).toMatchObject({ path: file.pathname, size: 81874, unchanged: false });
    expect(expectDocument(await fetcher().fetchDocument(local)).unchanged).toBe(true);
  });

  it("refuses a local file that is not a PDF, and reports a missing one", async () => {
    const html = path.join(cacheDir, "erreur.pdf");
    await writeFile(html, "<html>not found</html>");
    const f = fetcher();
    expectError(
      await f.fetchDocument({ url: pathToFileURL(html).href, fileName: "erreur.pdf", page: null }),
      "not-a-pdf",
    );
    const gone = pathToFileURL(path.join(cacheDir, "absent.pdf")).href;
    expect(
      expectError(await f.fetchDocument({ url: gone, fileName: "absent.pdf", page: null }), "io").message,
    ).toContain("ENOENT");
  });
});

describe("fetchPage", () => {
  it("returns the text and the final URL after redirects", async () => {
    const page = await fetcher().fetchPage(site.url("/download/accord-cadres-signes"));
    if (page === "not-modified") throw new Error("an unconditional request was answered 304");
    expect(page.url).toBe(site.url("/download/accord-cadres-signes/"));
    expect(page.body).toContain("Accord cadres signés entre la Région et les pôles régionaux");
  });

  it("asks with the validators it is given, and says when the page did not change", async () => {
    const url = site.url("/download/accord-cadres-signes/");
    const page = await fetcher().fetchPage(url);
    if (page === "not-modified") throw new Error("an unconditional request was answered 304");
    expect(page.validators.etag).toMatch(/^(W\/)?"/);
    site.reset();

    expect(await fetcher().fetchPage(url, page.validators)).toBe("not-modified");
    expect(site.log[0]?.headers["if-none-match"]).toBe(page.validators.etag);
    expect(await fetcher().fetchPage(url, { etag: '"autre"', lastModified: null })).toMatchObject({ body: page.body });
  });

  it("throws a discover-stage PipelineError", async () => {
    const error = await fetcher()
      .fetchPage(site.url("/nulle-part/"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).diagnostic).toMatchObject({ stage: "discover", code: "http-status" });
    await expect(fetcher({ allowedHosts: new Set() }).fetchPage(site.url("/"))).rejects.toMatchObject({
      diagnostic: { stage: "discover", code: "host-not-allowed" },
    });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
