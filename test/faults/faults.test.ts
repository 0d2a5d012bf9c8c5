/**
 * Fault injection: for each fault, the run names what failed (stage, code, document), exits with
 * the documented code, loses or half-writes no published byte, and the next clean run recovers.
 * Loopback only; every server and retry loop here is bounded in count and time.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../pipeline/config/index.ts";
import { localTarget } from "../../pipeline/publish/target.ts";
import { runPipeline } from "../../pipeline/run/index.ts";
import { createProgress } from "../../pipeline/run/progress.ts";
import type { RunReport } from "../../pipeline/run/report.ts";
import type { Diagnostic, Limits } from "../../pipeline/types.ts";
import { type Fault, type SiteServer, startSiteServer } from "../helpers/site-server.ts";
import { corruptXref, decompressionBomb, deeplyNested, manyPages } from "./hostile-pdfs.ts";

const SLUG = "accords-cadres-poles-regionaux";
const PAGE = "/download/accord-cadres-signes/";
const FILES = "/wp-content/uploads/download-manager-files/";
const MEL = "Accord-cadre-Region-MEL.pdf";

let site: SiteServer;
let work: string;
let baseline: string;
let baselineFiles: Record<string, string>;
let extractCache: string;
let caseNumber = 0;

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "run-report.json") continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = (await readFile(full)).toString("base64");
  }
  return out;
}

interface RunSetup {
  source?: string;
  out: string;
  limits?: Partial<Limits>;
  dispatcher?: Agent;
  allowRemovals?: boolean;
}

async function run(setup: RunSetup): Promise<RunReport> {
  const raw = JSON.parse(await readFile("pipeline.config.json", "utf8"));
  const cacheDir = path.join(work, `cache-${++caseNumber}`);
  // Extraction results are shared (same bytes, same results); downloads are not, so that every
  // case really goes over the wire.
  await cp(extractCache, path.join(cacheDir, "extract"), { recursive: true });
  raw.cacheDir = cacheDir;
  raw.ocr.enabled = false;
  raw.limits = { ...raw.limits, retries: 2, requestTimeoutMs: 1500, ...setup.limits };
  const config = await resolveConfig(raw, process.cwd(), { source: setup.source ?? site.url(PAGE), out: setup.out });
  return runPipeline({
    config,
    target: localTarget(config.output),
    dryRun: false,
    allowRemovals: setup.allowRemovals ?? false,
    today: "2026-11-26",
    progress: createProgress(process.stderr, true),
    dispatcher: setup.dispatcher,
  });
}

/** A fresh copy of the baseline publication. */
async function publishedCopy(): Promise<string> {
  const out = path.join(work, `out-${++caseNumber}`);
  await cp(baseline, out, { recursive: true });
  return out;
}

/** The source page as it is, plus rows linking `extra` files, served beside the agreements. */
async function listOnPage(extra: Record<string, Uint8Array | string>, links?: string[]): Promise<Partial<RunSetup>> {
  const root = path.join(work, "site");
  for (const [file, bytes] of Object.entries(extra)) await writeFile(path.join(root, FILES, file), bytes);
  const hrefs = links ?? Object.keys(extra).map((file) => `${FILES}${encodeURIComponent(file)}`);
  const rows = hrefs.map((href) => `<tr><td>fichier</td><td><a href='${href}'>Télécharger</a></td></tr>`).join("");
  const html = await readFile(path.join(root, PAGE, "index.html"), "utf8");
  site.fault(PAGE, {
    kind: "body",
    body: html.replace("</tbody></table>", `${rows}</tbody></table>`),
    contentType: "text/html",
  });
  return {};
}

/** Another fixture page served at the source page's address. */
async function pageServedAs(fixture: string): Promise<Partial<RunSetup>> {
  const html = await readFile(path.join(work, "site", "download", fixture, "index.html"), "utf8");
  site.fault(PAGE, { kind: "body", body: html, contentType: "text/html" });
  return {};
}

/** The source page under a host name, for faults that happen before an address is known. */
const byName = () => site.url(PAGE).replace("127.0.0.1", "accords.test");

/** The records and source documents of a snapshot, without the metadata that tells their history. */
const records = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([f]) => /(accords|engagements)\.(csv|json)$|\/documents\//.test(f)));

const dataset = (report: RunReport) => report.datasets[0] ?? expect.unreachable();
const errorOf = (report: RunReport, file: string): Diagnostic | null =>
  dataset(report).documents.find((d) => d.file === file)?.error ?? null;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "faults-"));
  await cp("test/fixtures/site", path.join(work, "site"), { recursive: true });
  site = await startSiteServer({ root: path.join(work, "site"), lastModified: new Date("2020-10-01T00:00:00Z") });
  baseline = path.join(work, "baseline");
  extractCache = path.join(work, "extract-cache");
  const raw = JSON.parse(await readFile("pipeline.config.json", "utf8"));
  raw.cacheDir = path.join(work, "baseline-cache");
  raw.ocr.enabled = false;
  const config = await resolveConfig(raw, process.cwd(), { source: site.url(PAGE), out: baseline });
  const report = await runPipeline({
    config,
    target: localTarget(baseline),
    dryRun: false,
    allowRemovals: false,
    today: "2026-11-26",
    progress: createProgress(process.stderr, true),
  });
  expect(report.exitCode, JSON.stringify(dataset(report).documents.map((d) => d.error))).toBe(0);
  await cp(path.join(raw.cacheDir, "extract"), extractCache, { recursive: true });
  await rm(path.join(baseline, "run-report.json"), { force: true });
  baselineFiles = await snapshot(baseline);
}, 120_000);

afterAll(async () => {
  await site?.close();
});

interface Case {
  name: string;
  /** Installs the fault; returns what the run needs. */
  arrange(): Promise<Partial<RunSetup>> | Partial<RunSetup>;
  exit: number;
  /** The named error: on a document, or on the dataset when `document` is absent. */
  error?: { stage: string; code: string | RegExp; document?: string };
  /** The case publishes new or different records (default: not one published byte moves). */
  changes?: boolean;
}

/** Installs `fault` on a path, and gives the run `setup`. */
const faultOn =
  (where: string, fault: Fault, setup: Partial<RunSetup> = {}) =>
  () => {
    site.fault(where, fault);
    return setup;
  };
const documentFault = (fault: Fault) => faultOn(`${FILES}${MEL}`, fault);

const CASES: Case[] = [
  {
    name: "connection refused",
    arrange: () => ({ source: "http://127.0.0.1:9/download/accord-cadres-signes/" }),
    exit: 1,
    error: { stage: "discover", code: "network" },
  },
  {
    name: "DNS failure",
    arrange: () => ({
      source: byName(),
      dispatcher: new Agent({
        connect: {
          lookup: (host: string, _o: unknown, cb: (e: Error) => void) =>
            cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" })),
        } as never,
      }),
    }),
    exit: 1,
    error: { stage: "discover", code: "dns" },
  },
  {
    name: "connect timeout",
    arrange: () => ({
      source: byName(),
      dispatcher: new Agent({ connect: { timeout: 300, lookup: () => undefined } as never }),
    }),
    exit: 1,
    error: { stage: "discover", code: /timeout|network/ },
  },
  {
    name: "source page answers 500",
    arrange: faultOn(PAGE, { kind: "status", status: 500 }),
    exit: 1,
    error: { stage: "discover", code: "http-status" },
  },
  {
    name: "source page answers 404",
    arrange: () => ({ source: site.url("/download/disparu/") }),
    exit: 1,
    error: { stage: "discover", code: "http-status" },
  },
  {
    name: "stalled body",
    arrange: documentFault({ kind: "stall", afterBytes: 2048 }),
    exit: 3,
    error: { stage: "fetch", code: "timeout", document: MEL },
  },
  {
    name: "connection reset mid-body",
    arrange: documentFault({ kind: "reset", afterBytes: 2048 }),
    exit: 3,
    error: { stage: "fetch", code: "network", document: MEL },
  },
  { name: "reset once, then served", arrange: documentFault({ kind: "reset", afterBytes: 2048, times: 1 }), exit: 0 },
  {
    name: "truncated body (Content-Length mismatch)",
    arrange: documentFault({ kind: "truncate" }),
    exit: 3,
    error: { stage: "fetch", code: "truncated", document: MEL },
  },
  { name: "truncated once, then served", arrange: documentFault({ kind: "truncate", times: 1 }), exit: 0 },
  { name: "500 then success", arrange: documentFault({ kind: "status", status: 500, times: 2 }), exit: 0 },
  {
    name: "503 with Retry-After, then success",
    arrange: documentFault({ kind: "status", status: 503, retryAfter: "1", times: 1 }),
    exit: 0,
  },
  {
    name: "429 with Retry-After, then success",
    arrange: documentFault({ kind: "status", status: 429, retryAfter: "1", times: 1 }),
    exit: 0,
  },
  {
    name: "429 for ever",
    arrange: documentFault({ kind: "status", status: 429, retryAfter: "0" }),
    exit: 3,
    error: { stage: "fetch", code: "http-status", document: MEL },
  },
  {
    name: "404 for one document",
    arrange: documentFault({ kind: "status", status: 404 }),
    exit: 3,
    error: { stage: "fetch", code: "http-status", document: MEL },
  },
  {
    name: "redirect loop",
    arrange: documentFault({ kind: "redirect-loop" }),
    exit: 3,
    error: { stage: "fetch", code: "redirect-loop", document: MEL },
  },
  {
    name: "endless distinct redirects",
    arrange: documentFault({ kind: "redirect-loop", distinct: true }),
    exit: 3,
    error: { stage: "fetch", code: "too-many-redirects", document: MEL },
  },
  {
    name: "redirect to a foreign host",
    arrange: documentFault({ kind: "redirect", location: "http://evil.example/x.pdf" }),
    exit: 3,
    error: { stage: "fetch", code: "host-not-allowed", document: MEL },
  },
  {
    name: "HTML served as PDF",
    arrange: documentFault({
      kind: "body",
      body: "<!DOCTYPE html><title>Erreur</title>",
      contentType: "application/pdf",
    }),
    exit: 3,
    error: { stage: "fetch", code: "not-a-pdf", document: MEL },
  },
  {
    name: "PDF served as text/html",
    arrange: documentFault({ kind: "content-type", type: "text/html; charset=utf-8" }),
    exit: 0,
  },
  {
    name: "oversized body",
    arrange: faultOn(
      `${FILES}${MEL}`,
      { kind: "oversized", bytes: 4_000_000 },
      { limits: { maxDownloadBytes: 1_000_000 } },
    ),
    exit: 3,
    error: { stage: "fetch", code: "too-large", document: MEL },
  },
  {
    name: "zero bytes",
    arrange: documentFault({ kind: "body", body: "" }),
    exit: 3,
    error: { stage: "fetch", code: "not-a-pdf", document: MEL },
  },
  { name: "slow answer within the time limit", arrange: documentFault({ kind: "slow", ms: 300 }), exit: 0 },
  {
    name: "corrupt xref (repaired by the parser)",
    arrange: async () => ({
      ...(await listOnPage({ "Accord-xref.pdf": corruptXref(await readFile(`test/fixtures/pdf/${MEL}`)) })),
    }),
    exit: 0,
    changes: true,
  },
  {
    name: "truncated PDF",
    arrange: async () => ({
      ...(await listOnPage({
        "Tronque.pdf": await readFile("test/fixtures/bad/Accord-cadre-Region-MEL-tronque.pdf"),
      })),
    }),
    exit: 3,
    error: { stage: "extract", code: "invalid-pdf", document: "Tronque.pdf" },
  },
  {
    name: "encrypted PDF",
    arrange: async () => ({
      ...(await listOnPage({
        "Chiffre.pdf": await readFile("test/fixtures/bad/Accord-cadre-Region-Amiens-Metropole-protege.pdf"),
      })),
    }),
    exit: 3,
    error: { stage: "extract", code: "encrypted", document: "Chiffre.pdf" },
  },
  {
    name: "image-only PDF with OCR off",
    arrange: async () => ({
      ...(await listOnPage({
        "Scan.pdf": await readFile("test/fixtures/bad/Accord-cadre-Region-CU-Dunkerque-scan.pdf"),
      })),
    }),
    exit: 3,
    error: { stage: "extract", code: "no-text", document: "Scan.pdf" },
  },
  {
    name: "valid PDF that is not an agreement",
    arrange: async () => ({
      ...(await listOnPage({
        "Convocation.pdf": await readFile("test/fixtures/bad/Convocation-comite-pilotage-MEL-2021.pdf"),
      })),
    }),
    exit: 3,
    error: { stage: "extract", code: "not-an-agreement", document: "Convocation.pdf" },
  },
  {
    name: "2,000-page PDF",
    arrange: async () => ({ ...(await listOnPage({ "Pages.pdf": manyPages(2000) })) }),
    exit: 3,
    error: { stage: "extract", code: "too-many-pages", document: "Pages.pdf" },
  },
  {
    name: "decompression bomb",
    arrange: async () => ({
      ...(await listOnPage({ "Bombe.pdf": decompressionBomb(256) })),
      limits: { documentTimeoutMs: 3000 },
    }),
    exit: 3,
    error: { stage: "extract", code: /timeout|out-of-memory|no-text/, document: "Bombe.pdf" },
  },
  {
    name: "deeply nested objects",
    arrange: async () => ({ ...(await listOnPage({ "Imbrique.pdf": deeplyNested(100_000) })) }),
    exit: 3,
    // PDFium stops parsing at its depth limit and finds an empty page; pdf.js runs out of stack.
    error: { stage: "extract", code: /invalid-pdf|no-text/, document: "Imbrique.pdf" },
  },
  { name: "page markup drift", arrange: () => pageServedAs("accords-drift"), exit: 0, changes: true },
  {
    name: "page with no files",
    arrange: () => ({ source: site.url("/download/accords-vide/") }),
    exit: 4,
    error: { stage: "publish", code: "removals-need-approval" },
  },
  { name: "page links through wpdmdl", arrange: () => pageServedAs("accords-wpdmdl"), exit: 0, changes: true },
  {
    name: "a file name with ../ is sanitised",
    arrange: () => listOnPage({}, [`${FILES}..%2F..%2F..%2Fpasswd.pdf`]),
    exit: 3,
    error: { stage: "fetch", code: "http-status", document: "passwd.pdf" },
  },
  {
    name: "duplicate file names are made unique",
    arrange: () => listOnPage({}, [`/autre/${MEL}`]),
    exit: 3,
    error: { stage: "fetch", code: "http-status", document: "Accord-cadre-Region-MEL-2.pdf" },
  },
  {
    name: "a link to a foreign host is ignored and reported",
    arrange: () => listOnPage({}, ["https://evil.example/accord.pdf"]),
    exit: 0,
  },
  {
    name: "unreadable published data",
    arrange: () => ({}),
    exit: 1,
    error: { stage: "build", code: "published-unreadable" },
  },
];

describe("fault injection", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const out = await publishedCopy();
    if (c.name === "unreadable published data") await writeFile(path.join(out, SLUG, "engagements.json"), "[{");
    const before = await snapshot(out);
    let report: RunReport;
    try {
      report = await run({ out, ...(await c.arrange()) });
    } finally {
      site.reset();
    }
    expect(report.exitCode, JSON.stringify(report.datasets[0]?.errors)).toBe(c.exit);
    if (c.error) {
      const found = c.error.document ? errorOf(report, c.error.document) : (dataset(report).errors[0] ?? null);
      expect(found).toMatchObject({ stage: c.error.stage });
      expect(found?.code).toMatch(c.error.code);
      if (c.error.document) expect(found?.document).toBe(c.error.document);
      expect(found?.message.length).toBeGreaterThan(10);
    }
    // Nothing lost, nothing half-written: unless the case publishes new documents, not one byte moved.
    const after = await snapshot(out);
    if (!c.changes) expect(after).toEqual(before);
    else
      for (const [file, bytes] of Object.entries(before))
        if (file.includes("/documents/")) expect(after[file]).toBe(bytes);
    expect(Object.keys(after).some((f) => f.includes(".staging") || f.endsWith(".tmp"))).toBe(false);

    // The next clean run recovers: the baseline publication, whatever state the fault left.
    if (c.name === "unreadable published data")
      await cp(path.join(baseline, SLUG), path.join(out, SLUG), { recursive: true });
    const clean = await run({ out, allowRemovals: true });
    expect(clean.exitCode).toBe(0);
    // A case that published something leaves a line in the update history; the data is back.
    const recovered = await snapshot(out);
    expect(c.changes ? records(recovered) : recovered).toEqual(c.changes ? records(baselineFiles) : baselineFiles);
  });

  it("covers at least 30 distinct faults", () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBeGreaterThanOrEqual(30);
  });
});
