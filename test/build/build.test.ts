import { describe, expect, it } from "vitest";
import { buildDataset, type DatasetBuildInput, readPublished } from "../../pipeline/build/index.ts";
import { accordId, slugify } from "../../pipeline/build/records.ts";
import { axesToCsv, neutraliseFormula } from "../../pipeline/build/serialize.ts";
import type { OutputFile, PublishedStore } from "../../pipeline/types.ts";
import { sampleAgreement, sampleDocument } from "../helpers/records.ts";

const PDF = Buffer.from("%PDF-1.7 fake");

function memoryStore(files: OutputFile[] = []): PublishedStore {
  const map = new Map(files.map((f) => [f.path, f.content]));
  return { read: async (p) => map.get(p) ?? null };
}

function input(overrides: Partial<DatasetBuildInput> = {}): DatasetBuildInput {
  return {
    slug: "accords",
    extracted: [{ document: sampleDocument(), agreement: sampleAgreement() }],
    rejected: [],
    previous: { accords: [], engagements: [] },
    store: memoryStore(),
    today: "2026-11-26",
    readDocument: async () => PDF,
    ...overrides,
  };
}

const text = (files: OutputFile[], path: string) =>
  Buffer.from(files.find((f) => f.path === path)?.content ?? "").toString("utf8");

describe("build", () => {
  it("identifiers come from the file name, so a new download of the same agreement keeps them", () => {
    expect(accordId("Accord-cadre-Région-MEL.pdf")).toBe("accord-cadre-region-mel");
    expect(slugify("  Été / 2021 ")).toBe("ete-2021");
  });

  it("given one agreement, writes the contract's four files and the source PDF", async () => {
    const build = await buildDataset(input());
    expect(build.files.map((f) => f.path)).toEqual([
      "accords/accords.csv",
      "accords/accords.json",
      "accords/engagements.csv",
      "accords/engagements.json",
      "accords/documents/Accord-cadre-Region-MEL.pdf",
    ]);
    const accords = JSON.parse(text(build.files, "accords/accords.json"));
    expect(accords[0]).toMatchObject({
      id_accord: "accord-cadre-region-mel",
      nombre_engagements: 2,
      url_page_source: "https://example.org/download/accords/",
      date_maj_source: "2020-10-02",
      date_premiere_publication: "2026-11-26",
      date_derniere_modification: "2026-11-26",
    });
    const engagements = JSON.parse(text(build.files, "accords/engagements.json"));
    expect(engagements.map((e: { id_engagement: string }) => e.id_engagement)).toEqual([
      "accord-cadre-region-mel-001",
      "accord-cadre-region-mel-002",
    ]);
  });

  it("CSV: header, comma, RFC 4180 quoting, empty cell for null, axes as « 1 : … ; 2 : … », no exponent", async () => {
    const build = await buildDataset(
      input({ extracted: [{ document: sampleDocument(), agreement: sampleAgreement({ date_fin: null }) }] }),
    );
    const csv = text(build.files, "accords/accords.csv");
    const [header, row] = csv.split("\n");
    expect(header?.startsWith("id_accord,titre,type_accord,nom_region,siren_region,")).toBe(true);
    expect(row).toContain(",2020-09-01,,64,");
    expect(row).toContain(",1 : Conforter l’excellence économique ; 2 : Affirmer le rôle de hub régional,");
    const engagements = text(build.files, "accords/engagements.csv");
    expect(engagements).toContain(",2500000,");
    expect(engagements).toContain(
      '"\'=SUM(A1) La Métropole s’engage à réaliser les études, « pôle d’échanges », pour 1,2 M€."',
    );
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("CSV: a cell holding a lone carriage return is quoted, since most readers end a record there", async () => {
    const build = await buildDataset(
      input({
        extracted: [{ document: sampleDocument(), agreement: sampleAgreement({ lieu_signature: "Lille\rAmiens" }) }],
      }),
    );
    expect(text(build.files, "accords/accords.csv")).toContain(',"Lille\rAmiens",');
  });

  it("formula-looking cells get an apostrophe in CSV only", () => {
    for (const c of ["=1+1", "+33", "-x", "@cmd", "\tx", "\rx"]) expect(neutraliseFormula(c)).toBe(`'${c}`);
    expect(neutraliseFormula("La Région")).toBe("La Région");
    expect(axesToCsv([])).toBe("");
  });

  it("an unchanged agreement keeps its dates; a changed field moves only that record's modification date", async () => {
    const first = await buildDataset(input({ today: "2026-01-01" }));
    const previous = await readPublished(memoryStore(first.files), "accords");
    const again = await buildDataset(input({ today: "2026-02-01", previous }));
    expect(again.files.map((f) => Buffer.from(f.content).toString())).toEqual(
      first.files.map((f) => Buffer.from(f.content).toString()),
    );
    expect(again.changes.accords).toEqual({ added: [], removed: [], changed: [] });

    const agreement = sampleAgreement();
    (agreement.engagements[1] as { montant_euros: number }).montant_euros = 1300000;
    const changed = await buildDataset(
      input({ today: "2026-03-01", previous, extracted: [{ document: sampleDocument(), agreement }] }),
    );
    const [e1, e2] = changed.engagements.sort((a, b) => (a.id_engagement < b.id_engagement ? -1 : 1));
    expect(e1?.date_derniere_modification).toBe("2026-01-01");
    expect(e2).toMatchObject({ date_premiere_publication: "2026-01-01", date_derniere_modification: "2026-03-01" });
    expect(changed.changes.engagements.changed).toEqual([
      { id: "accord-cadre-region-mel-002", fields: [{ field: "montant_euros", before: 1200000, after: 1300000 }] },
    ]);
  });

  it("a rejected document keeps its previously published records and PDF", async () => {
    const first = await buildDataset(input());
    const store = memoryStore(first.files);
    const previous = await readPublished(store, "accords");
    const build = await buildDataset(
      input({ extracted: [], rejected: ["Accord-cadre-Region-MEL.pdf"], previous, store }),
    );
    expect(build.kept).toEqual(["accord-cadre-region-mel"]);
    expect(build.accords).toHaveLength(1);
    expect(build.engagements).toHaveLength(2);
    expect(build.removals).toEqual([]);
    expect(build.files.map((f) => f.path)).toContain("accords/documents/Accord-cadre-Region-MEL.pdf");
  });

  it("an agreement no longer listed is a removal, with its PDF", async () => {
    const first = await buildDataset(input());
    const store = memoryStore(first.files);
    const build = await buildDataset(input({ extracted: [], previous: await readPublished(store, "accords"), store }));
    expect(build.changes.accords.removed).toEqual(["accord-cadre-region-mel"]);
    expect(build.removals).toEqual(["accords/documents/Accord-cadre-Region-MEL.pdf"]);
  });

  it("an invalid record is never written: the document is set aside with the field and rule", async () => {
    const agreement = sampleAgreement({ siren_partenaire: "12345" });
    const build = await buildDataset(input({ extracted: [{ document: sampleDocument(), agreement }] }));
    expect(build.accords).toEqual([]);
    expect(build.invalid[0]?.document).toBe("Accord-cadre-Region-MEL.pdf");
    expect(build.invalid[0]?.diagnostics[0]).toMatchObject({ stage: "validate", field: "siren_partenaire" });
  });

  it("an unreadable published file stops the build instead of being overwritten", async () => {
    const store = memoryStore([{ path: "accords/accords.json", content: Buffer.from("{oops") }]);
    await expect(readPublished(store, "accords")).rejects.toThrow(/published-unreadable|cannot be read/);
  });
});
