import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXTRACTOR_VERSION, extractAgreement, extractFromPages } from "../../pipeline/extract/index.ts";
import type { ExtractionResult } from "../../pipeline/types.ts";
import { goldFields } from "./gold-fields.ts";
import { layout } from "./synthetic.ts";

const fixture = (dir: string, name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url)));
const gold = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/gold/${name.replace(/\.pdf$/, ".json")}`, import.meta.url), "utf8"));
const extract = (dir: string, name: string, maxPages = 50): Promise<ExtractionResult> =>
  extractAgreement(fixture(dir, name), { fileName: name, maxPages });

describe.each([
  "Accord-cadre-Region-MEL.pdf",
  "Accord-cadre-Region-CU-Dunkerque.pdf",
  "Accord-cadre-Region-Amiens-Metropole.pdf",
])("%s (development corpus)", (name) => {
  it("gives the annotated agreement and commitments", async () => {
    const result = await extract("pdf", name);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = gold(name);
    const { engagements, ...agreement } = result.agreement;
    expect(agreement).toMatchObject(expected.agreement);
    expect(agreement).toMatchObject({ nom_region: "Région Hauts-de-France", siren_region: "200053742" });
    expect(engagements.map(goldFields)).toEqual(expected.engagements.map(goldFields));
  });
});

describe("documents that are not published", () => {
  it.each([
    ["bad", "Accord-cadre-Region-vide.pdf", "not-a-pdf"],
    ["bad", "Accord-cadre-Region-introuvable.pdf", "not-a-pdf"],
    ["bad", "Accord-cadre-Region-MEL-tronque.pdf", "invalid-pdf"],
    ["bad", "Accord-cadre-Region-Amiens-Metropole-protege.pdf", "encrypted"],
    ["bad", "Accord-cadre-Region-CU-Dunkerque-scan.pdf", "no-text"],
    ["bad", "Convocation-comite-pilotage-MEL-2021.pdf", "not-an-agreement"],
  ])("%s/%s is rejected as %s", async (dir, name, code) => {
    expect(gold(name).expect).toBe(code);
    const result = await extract(dir, name);
    expect(result).toMatchObject({ ok: false, code, error: { stage: "extract", code, document: name } });
  });

  it("says that a scan has no text layer", async () => {
    const result = await extract("bad", "Accord-cadre-Region-CU-Dunkerque-scan.pdf");
    expect(result.ok === false && result.error.message).toMatch(/no text layer/);
  });

  it("refuses a document longer than the page limit", async () => {
    const result = await extract("pdf", "Accord-cadre-Region-MEL.pdf", 5);
    expect(result).toMatchObject({ ok: false, code: "too-many-pages" });
  });

  it("rejects pages without text (OCR input) the same way, and flags a single scanned page", () => {
    const text = layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et Amiens Métropole", size: 14, gap: 4 },
      { text: "Article 1 – Objet", size: 13, newPage: true },
      { text: "Amiens Métropole s'engage à désigner un référent chargé du suivi de l'accord et de ses avenants." },
    ]);
    const scanned = { page: 3, width: 595, height: 842, items: [], source: "text-layer" as const };
    const ok = extractFromPages([...text, scanned], { fileName: "a.pdf", maxPages: 10 });
    expect(ok.ok && ok.warnings.find((w) => w.code === "page-no-text")).toMatchObject({ page: 3, document: "a.pdf" });
    const none = extractFromPages([scanned, { ...scanned, page: 4 }], { fileName: "b.pdf", maxPages: 10 });
    expect(none).toMatchObject({ ok: false, code: "no-text" });
  });
});

it("has a version for the cache", () => {
  expect(EXTRACTOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
});
