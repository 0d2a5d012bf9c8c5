import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../pipeline/config/index.ts";
import { localTarget } from "../../pipeline/publish/target.ts";
import { runPipeline } from "../../pipeline/run/index.ts";
import { createProgress } from "../../pipeline/run/progress.ts";
import type { RunReport } from "../../pipeline/run/report.ts";
import type { AccordRecord, EngagementRecord } from "../../pipeline/types.ts";
import { type SiteServer, startSiteServer } from "../helpers/site-server.ts";

const SLUG = "accords-cadres-poles-regionaux";
const PAGE = "/download/accord-cadres-signes/";
const FILES = "/wp-content/uploads/download-manager-files/";
const GOOD = [
  "Accord-cadre-Region-Amiens-Metropole.pdf",
  "Accord-cadre-Region-CU-Dunkerque.pdf",
  "Accord-cadre-Region-MEL.pdf",
];
const BAD = await readdir("test/fixtures/bad");

let site: SiteServer;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "e2e-"));
  // The fixture site, plus a page that lists the bad inputs next to the agreements.
  const root = path.join(work, "site");
  await cp("test/fixtures/site", root, { recursive: true });
  for (const name of BAD) await cp(path.join("test/fixtures/bad", name), path.join(root, FILES, name));
  const page = await readFile(path.join(root, PAGE, "index.html"), "utf8");
  const rows = BAD.map((n) => `<tr><td>${n}</td><td><a href='${FILES}${n}'>Télécharger</a></td></tr>`).join("");
  await cp(path.join(root, PAGE), path.join(root, "download/mixte"), { recursive: true });
  await writeFile(
    path.join(root, "download/mixte/index.html"),
    page.replace("</tbody></table>", `${rows}</tbody></table>`),
  );
  site = await startSiteServer({ root, lastModified: new Date("2020-10-01T00:00:00Z") });
});

afterAll(async () => {
  await site?.close();
});

async function run(options: {
  source: string;
  out: string;
  cache: string;
  today?: string;
  allowRemovals?: boolean;
  ocr?: boolean;
}) {
  const raw = JSON.parse(await readFile("pipeline.config.json", "utf8"));
  raw.cacheDir = options.cache;
  // OCR is slow: only the tests about it turn it on.
  raw.ocr.enabled = options.ocr ?? false;
  raw.limits.retries = 1;
  raw.limits.requestTimeoutMs = 3000;
  const config = await resolveConfig(raw, process.cwd(), { source: options.source, out: options.out });
  const lines: string[] = [];
  const progress = createProgress({ write: (s: string) => lines.push(s) } as never, false);
  const report = await runPipeline({
    config,
    target: localTarget(config.output),
    dryRun: false,
    allowRemovals: options.allowRemovals ?? false,
    today: options.today ?? "2026-11-26",
    progress,
  });
  return { report, progress: lines.join("") };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = (await readFile(full)).toString("base64");
  }
  return out;
}

const json = async <T>(out: string, file: string): Promise<T> =>
  JSON.parse(await readFile(path.join(out, SLUG, file), "utf8")) as T;
const dataset = (report: RunReport) => report.datasets[0] ?? expect.unreachable();

describe("the whole pipeline against a loopback copy of the Region's page", () => {
  let out: string;
  let cache: string;
  let first: RunReport;

  beforeAll(async () => {
    out = path.join(work, "out");
    cache = path.join(work, "cache");
    ({ report: first } = await run({ source: site.url(PAGE), out, cache }));
  });

  it("publishes the three agreements and their commitments, validated, with the source PDFs", async () => {
    expect(first.exitCode).toBe(0);
    expect(dataset(first).status).toBe("published");
    const accords = await json<AccordRecord[]>(out, "accords.json");
    const engagements = await json<EngagementRecord[]>(out, "engagements.json");
    expect(accords.map((a) => a.nom_fichier).sort()).toEqual(GOOD);
    expect(engagements).toHaveLength(65);
    expect(await readdir(path.join(out, SLUG, "documents"))).toEqual(GOOD);
    const mel = accords.find((a) => a.id_accord === "accord-cadre-region-mel");
    expect(mel).toMatchObject({
      url_document: site.url(`${FILES}Accord-cadre-Region-MEL.pdf`),
      url_page_source: site.url(PAGE),
      date_creation_source: "2020-10-01",
      date_maj_source: "2020-10-01",
      nombre_engagements: 20,
    });
  });

  it("matches the gold annotations of the development corpus", async () => {
    const accords = await json<AccordRecord[]>(out, "accords.json");
    const engagements = await json<EngagementRecord[]>(out, "engagements.json");
    for (const file of GOOD) {
      const gold = JSON.parse(await readFile(`test/fixtures/gold/${file.replace(/\.pdf$/, ".json")}`, "utf8"));
      const accord = accords.find((a) => a.nom_fichier === file) ?? expect.unreachable();
      const { axes, ...fields } = gold.agreement;
      expect(accord).toMatchObject(fields);
      expect(accord.axes.map((a) => a.numero)).toEqual(axes.map((a: { numero: string }) => a.numero));
      const mine = engagements.filter((e) => e.id_accord === accord.id_accord);
      expect(mine.map((e) => [e.numero_engagement, e.porteur, e.montant_euros, e.page])).toEqual(
        gold.engagements.map((e: EngagementRecord) => [e.numero_engagement, e.porteur, e.montant_euros, e.page]),
      );
    }
  });

  it("a second run against the unchanged server parses no PDF and changes no byte, with conditional requests only", async () => {
    const before = await snapshot(path.join(out, SLUG));
    site.reset();
    const { report } = await run({ source: site.url(PAGE), out, cache, today: "2026-12-01" });
    expect(report.exitCode).toBe(0);
    expect(dataset(report).status).toBe("unchanged");
    expect(dataset(report).documents.map((d) => [d.status, d.downloaded])).toEqual(GOOD.map(() => ["cached", false]));
    expect(await snapshot(path.join(out, SLUG))).toEqual(before);
    expect(site.log.length).toBeGreaterThan(0);
    expect(site.log.filter((r) => !r.headers["if-none-match"]).map((r) => r.path)).toEqual([]);
  });

  it("a published file edited by hand is noticed and rewritten, though the source did not change", async () => {
    const file = path.join(out, SLUG, "accords.csv");
    const good = await readFile(file);
    await writeFile(file, "id_accord\nmodifié à la main\n");
    const { report } = await run({ source: site.url(PAGE), out, cache, today: "2026-12-02" });
    expect(dataset(report).status).toBe("published");
    expect(dataset(report).written).toEqual([`${SLUG}/accords.csv`]);
    expect(await readFile(file)).toEqual(good);
  });

  it("a document that fails to download keeps its published records (exit 3)", async () => {
    site.fault(`${FILES}Accord-cadre-Region-MEL.pdf`, { kind: "status", status: 404 });
    try {
      const before = await snapshot(path.join(out, SLUG));
      const { report } = await run({ source: site.url(PAGE), out, cache: path.join(work, "cache-404") });
      expect(report.exitCode).toBe(3);
      const mel = dataset(report).documents.find((d) => d.file === "Accord-cadre-Region-MEL.pdf");
      expect(mel?.error).toMatchObject({
        stage: "fetch",
        code: "http-status",
        document: "Accord-cadre-Region-MEL.pdf",
      });
      expect(dataset(report).kept).toEqual(["accord-cadre-region-mel"]);
      expect(await snapshot(path.join(out, SLUG))).toEqual(before);
    } finally {
      site.reset();
    }
  });

  it("a source that cannot be reached fails (exit 1) and leaves the output untouched", async () => {
    const before = await snapshot(out);
    const { report } = await run({ source: "http://127.0.0.1:9/download/x/", out, cache });
    expect(report.exitCode).toBe(1);
    expect(dataset(report).errors[0]).toMatchObject({ stage: "discover" });
    expect(await snapshot(out)).toEqual(before);
  });

  it("a page that suddenly lists no file does not wipe the dataset (exit 4) unless removals are allowed", async () => {
    const before = await snapshot(path.join(out, SLUG));
    const { report } = await run({ source: site.url("/download/accords-vide/"), out, cache });
    expect(report.exitCode).toBe(4);
    expect(dataset(report).errors[0]?.code).toBe("removals-need-approval");
    expect(await snapshot(path.join(out, SLUG))).toEqual(before);
  });
});

describe("scanned pages", () => {
  it("a signed agreement whose signature page is a scan gets its date and place from OCR, once", async () => {
    const source = path.join(work, "scan");
    await cp("test/fixtures/ocr/Accord-cadre-Region-MEL-signature-scannee.pdf", path.join(source, "MEL-scan.pdf"));
    const out = path.join(work, "out-ocr");
    const cache = path.join(work, "cache-ocr");
    const { report } = await run({ source, out, cache, ocr: true });
    expect(report.exitCode).toBe(0);
    const doc = dataset(report).documents[0];
    expect(doc?.ocrPages.map((p) => p.page)).toEqual([6]);
    expect(doc?.ocrPages[0]?.confidence).toBeGreaterThan(50);
    const [accord] = await json<AccordRecord[]>(out, "accords.json");
    expect(accord).toMatchObject({ date_signature: "2020-07-17", lieu_signature: "Lille", nombre_engagements: 20 });

    const before = await snapshot(path.join(out, SLUG));
    const again = await run({ source, out, cache, ocr: true });
    expect(dataset(again.report).documents[0]?.status).toBe("cached");
    expect(await snapshot(path.join(out, SLUG))).toEqual(before);
  }, 120_000);
});

describe("bad inputs", () => {
  it("each bad document listed on the page is a named rejection; the agreements are published (exit 3)", async () => {
    const out = path.join(work, "out-mixte");
    const { report } = await run({ source: site.url("/download/mixte/"), out, cache: path.join(work, "cache-mixte") });
    expect(report.exitCode).toBe(3);
    const codes = Object.fromEntries(dataset(report).documents.map((d) => [d.file, d.error?.code ?? d.status]));
    expect(codes).toEqual({
      "Accord-cadre-Region-Amiens-Metropole.pdf": "extracted",
      "Accord-cadre-Region-CU-Dunkerque.pdf": "extracted",
      "Accord-cadre-Region-MEL.pdf": "extracted",
      "Accord-cadre-Region-Amiens-Metropole-protege.pdf": "encrypted",
      "Accord-cadre-Region-CU-Dunkerque-scan.pdf": "no-text",
      "Accord-cadre-Region-MEL-tronque.pdf": "invalid-pdf",
      "Accord-cadre-Region-introuvable.pdf": "not-a-pdf",
      "Accord-cadre-Region-vide.pdf": "not-a-pdf",
      "Convocation-comite-pilotage-MEL-2021.pdf": "not-an-agreement",
    });
    const scan = dataset(report).documents.find((d) => d.file === "Accord-cadre-Region-CU-Dunkerque-scan.pdf");
    expect(scan?.error?.message).toMatch(/no text layer/);
    expect((await json<AccordRecord[]>(out, "accords.json")).map((a) => a.nom_fichier).sort()).toEqual(GOOD);
  });

  it("the same bad inputs given as a folder are rejected one by one (exit 3), nothing published", async () => {
    const out = path.join(work, "out-bad");
    const { report } = await run({ source: "test/fixtures/bad", out, cache: path.join(work, "cache-bad") });
    expect(report.exitCode).toBe(3);
    expect(dataset(report).documents.map((d) => d.status)).toEqual(BAD.map(() => "rejected"));
    for (const d of dataset(report).documents) expect(d.error?.document).toBe(d.file);
  });
});
