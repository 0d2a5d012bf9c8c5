/**
 * Layouts the development corpus does not have (test/fixtures/unseen/, rebuilt by make.ts): a table of
 * contents, three-level numbering under "Orientation" headings, a footnote call and a sentence running
 * from one column into the next (Douaisis); fiches-action, "▪"/"–" bullets and a commitments table over a
 * landscape page and a /Rotate 90 page with its header row repeated (Pays de Mormal). Four more come
 * from a probe of other producers' layouts, kept as files: the parties' commitments side by side in a
 * two-column table under « Volet » rows (Val de Canche), fiches stating each party's part and a
 * financial summary with a TOTAL row (PETR), items whose verb is not « s'engage » and a partner known
 * by its acronym (Oise), a table in k€ on a landscape annex and a signature date with its weekday
 * (Val de Sensée). Four more come from a second probe: an « Action | Description | Pilote » table
 * under a tall header, over a page break, with « Enjeu n° 1 » rows (CU Arras); « au titre de l'axe 1 »
 * sub-headings (ACSO); an acronym defined by « ci-après désignée » (Flandre Lys); hyphenated justified
 * text and a title whose parties sit a blank line below (CAPSO). From a third: another document type,
 * « Engagements communs : » and an outside body's undertakings left out (Grand Calaisis).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { extractAgreement } from "../../pipeline/extract/index.ts";
import type { ExtractedAgreement } from "../../pipeline/types.ts";
import { goldFields } from "./gold-fields.ts";

const read = (name: string) => readFileSync(new URL(`../fixtures/unseen/${name}`, import.meta.url));
const gold = (name: string) => JSON.parse(read(name.replace(/\.pdf$/, ".json")).toString("utf8"));

const extracted = new Map<string, Promise<ExtractedAgreement>>();
/** Each document is extracted once for the whole file. */
function extract(name: string): Promise<ExtractedAgreement> {
  let agreement = extracted.get(name);
  if (!agreement) {
    agreement = extractAgreement(new Uint8Array(read(name)), { fileName: name, maxPages: 50 }).then((result) => {
      if (!result.ok) throw new Error(`${name} rejected: ${result.code}`);
      return result.agreement;
    });
    extracted.set(name, agreement);
  }
  return agreement;
}

describe.each([
  "Accord-cadre-Region-Douaisis-Agglo.pdf",
  "Accord-cadre-Region-Pays-de-Mormal.pdf",
  "Accord-cadre-Region-CC-Val-de-Canche-Authie.pdf",
  "Accord-cadre-Region-PETR-Coeur-des-Hauts-de-Somme.pdf",
  "Accord-cadre-Region-Syndicat-energies-Oise.pdf",
  "Accord-cadre-Region-CA-Val-de-Sensee.pdf",
  "Accord-cadre-Region-CU-Arras.pdf",
  "Accord-cadre-Region-ACSO.pdf",
  "Accord-cadre-Region-CC-Flandre-Lys.pdf",
  "Accord-cadre-Region-CAPSO.pdf",
  "Pacte-territorial-Region-CU-Grand-Calaisis.pdf",
])("%s (unseen layout)", (name) => {
  let agreement: ExtractedAgreement;
  beforeAll(async () => {
    agreement = await extract(name);
  });

  it("gives the annotated agreement", () => {
    const { engagements: _, ...rest } = agreement;
    expect(rest).toMatchObject(gold(name).agreement);
  });

  it("gives the annotated commitments: count, porteurs, amounts, pages", () => {
    expect(agreement.engagements.map(goldFields)).toEqual(gold(name).engagements.map(goldFields));
  });
});

describe("Accord-cadre-Region-Douaisis-Agglo.pdf", () => {
  it("takes no table-of-contents line as a commitment", async () => {
    const { engagements } = await extract("Accord-cadre-Region-Douaisis-Agglo.pdf");
    expect(engagements).toHaveLength(10);
    expect(engagements.filter((e) => e.page === 2)).toEqual([]);
    expect(engagements.some((e) => /\.{4,}|Usine de batteries/u.test(e.texte))).toBe(false);
  });

  it("reads a sentence that runs from the foot of the left column to the head of the right one", async () => {
    const { engagements } = await extract("Accord-cadre-Region-Douaisis-Agglo.pdf");
    expect(engagements.map((e) => e.texte)).toContain(
      "La Région s’engage à réunir ce comité au moins une fois par an.",
    );
  });

  it("leaves the footnote call out of the commitment and its amount", async () => {
    const { engagements } = await extract("Accord-cadre-Region-Douaisis-Agglo.pdf");
    expect(engagements.find((e) => e.numero_engagement === "1.1.2")).toMatchObject({
      texte: expect.stringMatching(/1,2 M€\.$/u),
      montant_euros: 1_200_000,
    });
  });
});

describe("Accord-cadre-Region-Pays-de-Mormal.pdf", () => {
  it("takes each fiche-action as one commitment: its title, porteur and amount", async () => {
    const { engagements } = await extract("Accord-cadre-Region-Pays-de-Mormal.pdf");
    expect(engagements.slice(0, 3).map((e) => [e.numero_engagement, e.porteur, e.montant_euros])).toEqual([
      ["1", "partenaire", 650_000],
      ["2", "region", 1_400_000],
      ["3", "conjoint", 2_300_000],
    ]);
  });

  it("reads the table on both annex pages once each, without its repeated header row", async () => {
    const { engagements } = await extract("Accord-cadre-Region-Pays-de-Mormal.pdf");
    const rows = engagements.filter((e) => e.numero_engagement?.startsWith("A"));
    expect(rows.map((e) => [e.numero_engagement, e.page])).toEqual([
      ["A1", 4],
      ["A2", 4],
      ["A3", 4],
      ["A4", 5],
      ["A5", 5],
    ]);
    expect(engagements.some((e) => /^Engagement$|^N°/u.test(e.texte))).toBe(false);
  });
});
