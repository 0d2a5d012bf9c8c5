import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discover, discoveryMemory } from "../../pipeline/discover/index.ts";
import { PipelineError } from "../../pipeline/errors.ts";
import { createFetcher, mapLimit, USER_AGENT } from "../../pipeline/fetch/index.ts";
import { type SiteServer, startSiteServer } from "../helpers/site-server.ts";

const noPages = {
  fetchPage: () => Promise.reject(new Error("a directory source fetches no page")),
  allowedHosts: new Set<string>(),
};

describe("discover — directory source", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "accords-discover-"));
    for (const name of ["b.pdf", "A.PDF", "notes.txt", "c.pdf.bak"]) await writeFile(path.join(dir, name), "%PDF-1.7");
    await mkdir(path.join(dir, "sous-dossier.pdf"));
    await symlink(path.join(dir, "b.pdf"), path.join(dir, "lien.pdf"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("lists the regular *.pdf files by name, as file:// URLs, without a page", async () => {
    const d = await discover({ kind: "directory", path: dir }, noPages);
    expect(d).toEqual({
      source: dir,
      page: null,
      documents: [
        { url: pathToFileURL(path.join(dir, "A.PDF")).href, fileName: "A.PDF", page: null },
        { url: pathToFileURL(path.join(dir, "b.pdf")).href, fileName: "b.pdf", page: null },
      ],
      warnings: [],
    });
  });

  it("warns about an empty folder and fails on a missing one", async () => {
    const empty = path.join(dir, "sous-dossier.pdf");
    expect((await discover({ kind: "directory", path: empty }, noPages)).warnings.map((w) => w.code)).toEqual([
      "no-files",
    ]);
    const missing = discover({ kind: "directory", path: path.join(dir, "absent") }, noPages);
    await expect(missing).rejects.toBeInstanceOf(PipelineError);
    await expect(missing).rejects.toMatchObject({ diagnostic: { stage: "discover", code: "source-unreadable" } });
  });
});

describe("discover — page source over HTTP", () => {
  let site: SiteServer;
  let cacheDir: string;

  beforeAll(async () => {
    site = await startSiteServer({ root: new URL("../fixtures/site/", import.meta.url).pathname });
    cacheDir = await mkdtemp(path.join(tmpdir(), "accords-discover-cache-"));
  });
  afterAll(async () => {
    await site.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const fetcherFor = (allowedHosts: ReadonlySet<string>) =>
    createFetcher({
      cacheDir,
      allowedHosts,
      allowedSchemes: new Set(["http:"]),
      userAgent: USER_AGENT,
      limits: {
        maxDownloadBytes: 1_000_000,
        maxPages: 100,
        requestTimeoutMs: 2000,
        documentTimeoutMs: 10_000,
        retries: 0,
        concurrency: 2,
        workers: 1,
        workerMemoryMb: 256,
      },
    });

  it("discovers the 3 agreements of the copied page, then fetches them", async () => {
    const allowedHosts = new Set([site.host]);
    const fetcher = fetcherFor(allowedHosts);
    try {
      const source = { kind: "page", url: site.url("/download/accord-cadres-signes") } as const;
      const d = await discover(source, { fetchPage: fetcher.fetchPage, allowedHosts });
      expect(d.source).toBe(source.url);
      expect(d.page?.url).toBe(site.url("/download/accord-cadres-signes/"));
      expect(d.documents.map((doc) => doc.fileName)).toEqual([
        "Accord-cadre-Region-MEL.pdf",
        "Accord-cadre-Region-Amiens-Metropole.pdf",
        "Accord-cadre-Region-CU-Dunkerque.pdf",
      ]);
      const outcomes = await mapLimit(d.documents, 2, (ref) => fetcher.fetchDocument(ref));
      expect(outcomes.map((o) => o.ok && o.document.size)).toEqual([81874, 81210, 70495]);
    } finally {
      await fetcher.close();
    }
  });

  it("reuses what it found on a page while the page answers 304, and reads the page again once it changed", async () => {
    const allowedHosts = new Set([site.host]);
    const fetcher = fetcherFor(allowedHosts);
    const memory = discoveryMemory(await mkdtemp(path.join(cacheDir, "pages-")));
    const source = { kind: "page", url: site.url("/download/accord-cadres-signes/") } as const;
    try {
      const first = await discover(source, { fetchPage: fetcher.fetchPage, allowedHosts, memory });
      site.reset();

      expect(await discover(source, { fetchPage: fetcher.fetchPage, allowedHosts, memory })).toEqual(first);
      expect(site.log.map((r) => r.headers["if-none-match"])).toEqual([expect.stringMatching(/^"/)]);

      // Other allowed hosts filter the links otherwise: that memory is not theirs.
      const wider = new Set([site.host, "example.org"]);
      site.reset();
      await discover(source, { fetchPage: fetcher.fetchPage, allowedHosts: wider, memory });
      expect(site.log.map((r) => r.headers["if-none-match"])).toEqual([undefined]);

      site.fault("/download/accord-cadres-signes/", { kind: "body", body: "<html><body><h1>Vide</h1></body></html>" });
      const changed = await discover(source, { fetchPage: fetcher.fetchPage, allowedHosts, memory });
      expect(changed.documents).toEqual([]);
      expect(changed.warnings.map((w) => w.code)).toContain("no-files");
    } finally {
      await fetcher.close();
    }
  });
});
