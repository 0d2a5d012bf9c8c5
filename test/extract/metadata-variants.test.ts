/**
 * Agreement metadata as other French framework agreements print it: a signature line with a weekday, the
 * place before or after the date and the number of copies, a partner whose legal form or acronym follows
 * its name.
 */
import { describe, expect, it } from "vitest";
import { parseSignature } from "../../pipeline/extract/dates.ts";
import { extractFromPages } from "../../pipeline/extract/index.ts";
import { natureFromText } from "../../pipeline/extract/partners.ts";
import type { ExtractedAgreement } from "../../pipeline/types.ts";
import { layout, type Para } from "./synthetic.ts";

describe("the signature line", () => {
  it.each([
    ["Fait à Arleux, le lundi 5 juillet 2021", "Arleux", "2021-07-05"],
    ["Fait à Arleux lundi 5 juillet 2021", "Arleux", "2021-07-05"],
    ["À Arras, le mardi 1er juillet 2021", "Arras", "2021-07-01"],
    ["Fait à Lille en deux exemplaires, le 3 mars 2022", "Lille", "2022-03-03"],
    ["Fait à Lille, en deux exemplaires originaux, le 3 mars 2022.", "Lille", "2022-03-03"],
    ["Fait en trois exemplaires originaux à Amiens, le 3 mars 2022", "Amiens", "2022-03-03"],
    ["Fait le 3 mars 2022 à Lille", "Lille", "2022-03-03"],
    ["Fait le 3 mars 2022, à Lille, en deux exemplaires.", "Lille", "2022-03-03"],
    ["Fait à Saint-Omer le 3 mars 2022", "Saint-Omer", "2022-03-03"],
    ["Fait à Boulogne-sur-Mer, le 1er février 2023", "Boulogne-sur-Mer", "2023-02-01"],
    ["Fait à Villeneuve d'Ascq le 3 mars 2022", "Villeneuve d'Ascq", "2022-03-03"],
    ["Fait à Le Touquet-Paris-Plage, le 3 mars 2022", "Le Touquet-Paris-Plage", "2022-03-03"],
    ["Fait au Touquet-Paris-Plage, le 3 mars 2022", "Le Touquet-Paris-Plage", "2022-03-03"],
    ["Fait et signé à Saint-Quentin, le 03/03/2022", "Saint-Quentin", "2022-03-03"],
    ["Signé le 03/03/2022", null, "2022-03-03"],
    ["Fait à Lille", "Lille", null],
  ])("%s → place %s, date %s", (text, place, date) => {
    expect(parseSignature(text)).toEqual({ place, date });
  });

  it("is not a sentence where something « fait » something", () => {
    expect(parseSignature("Toute modification fait à ce titre l'objet d'un avenant.")).toBeNull();
    expect(parseSignature("Le bénéficiaire fait apparaître le logotype de la Région.")).toBeNull();
  });
});

describe("the nature of the partner, from its name", () => {
  it.each([
    ["Syndicat départemental d'énergies de l'Oise", "autre"],
    ["Syndicat mixte des transports du Calaisis", "autre"],
    ["Pôle métropolitain de l'Artois", "pôle métropolitain"],
    ["PETR Cœur des Hauts de Somme", "autre"],
  ])("%s → %s", (name, nature) => {
    expect(natureFromText(name)).toBe(nature);
  });
});

/** A one-page agreement between the Region and `partner` (with its article), presented by `parties`, closed by `signature`. */
function agreement(partner: string, parties: string, signature: string): ExtractedAgreement {
  const paras: Para[] = [
    { text: "ACCORD-CADRE DE PARTENARIAT TERRITORIAL", size: 20, font: "title", gap: 100 },
    { text: `entre la Région Hauts-de-France et ${partner}`, size: 14, font: "title", gap: 4 },
    { text: "Entre les soussignés", size: 13, font: "bold", gap: 30 },
    { text: "La Région Hauts-de-France, représentée par son Président, ci-après dénommée « la Région »," },
    { text: "et" },
    { text: parties },
    { text: "Article 1 – Engagements", size: 13, font: "bold", gap: 14 },
    { text: "La Région s'engage à soutenir les projets du territoire à hauteur de 2 millions d'euros." },
    { text: signature },
  ];
  const result = extractFromPages(layout(paras), { fileName: "variante.pdf", maxPages: 10 });
  if (!result.ok) throw new Error(result.error.message);
  return result.agreement;
}

describe("an agreement whose partner states its legal form after its name", () => {
  it("keeps the specific nature the name gives over « syndicat mixte », which only says « autre »", () => {
    const a = agreement(
      "le Pôle métropolitain de l'Artois",
      "le Pôle métropolitain de l'Artois, syndicat mixte fermé, représenté par son Président, ci-après dénommé « le Pôle »,",
      "Fait à Lille en deux exemplaires, le 3 mars 2022.",
    );
    expect(a).toMatchObject({
      nom_partenaire: "Pôle métropolitain de l'Artois",
      nature_partenaire: "pôle métropolitain",
      date_signature: "2022-03-03",
      lieu_signature: "Lille",
    });
  });

  it("reads the legal form after the acronym in brackets", () => {
    const a = agreement(
      "Grand Vimeu Agglo",
      "Grand Vimeu Agglo (GVA), communauté d'agglomération, représentée par son Président,",
      "Fait à Friville-Escarbotin, le 3 mars 2022",
    );
    expect(a).toMatchObject({
      nom_partenaire: "Grand Vimeu Agglo",
      nature_partenaire: "communauté d'agglomération",
      lieu_signature: "Friville-Escarbotin",
    });
  });

  it("calls a syndicate of any kind « autre », its acronym in brackets", () => {
    const a = agreement(
      "le Syndicat intercommunal des eaux du Vimeu",
      "le Syndicat intercommunal des eaux du Vimeu (SIEV), syndicat mixte ouvert, représenté par son Président,",
      "Fait à Abbeville, le lundi 5 juillet 2021",
    );
    expect(a).toMatchObject({
      nom_partenaire: "Syndicat intercommunal des eaux du Vimeu",
      nature_partenaire: "autre",
      date_signature: "2021-07-05",
      lieu_signature: "Abbeville",
    });
  });
});
