/**
 * Rules that make the extraction hold on agreements it has never seen: wrapped lines that look like
 * items, numbered sub-headings, other words for the axes, third parties, repeated items, list levels.
 */
import { describe, expect, it } from "vitest";
import { extractFromPages } from "../../pipeline/extract/index.ts";
import type { ExtractedAgreement, PageText } from "../../pipeline/types.ts";
import { layout, type Para, page, type Run } from "./synthetic.ts";

const OPTS = { fileName: "robustesse.pdf", maxPages: 50 };

const cover = (partner: string): Para[] => [
  { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
  { text: `entre la Région Hauts-de-France et ${partner}`, size: 14, gap: 4 },
];

function agreement(pages: PageText[]): ExtractedAgreement {
  const result = extractFromPages(pages, OPTS);
  if (!result.ok) throw new Error(result.error.message);
  return result.agreement;
}

const rows = (a: ExtractedAgreement) =>
  a.engagements.map((e) => [e.numero_axe, e.numero_engagement, e.porteur, e.texte]);

describe("lines of running text that look like items", () => {
  const a = agreement(
    layout([
      ...cover("la Communauté urbaine de Dunkerque"),
      { text: "Axe 1 – Attractivité", size: 13, newPage: true },
      { text: "Engagement 1.1 : La Région s’engage à soutenir les entreprises du port." },
      { text: "Engagement 1.2 bis : La Communauté urbaine s’engage à aménager les terrains." },
      { text: "Engagement A : Les parties s’engagent à promouvoir le littoral." },
      {
        lines: [
          "Les aides sont attribuées dans le cadre des conventions d’application des",
          "opérations. Lorsqu’une opération ne comporte pas de montant, son financement",
          "relève du droit commun. Les crédits sont inscrits au titre de la",
          "Mesure 3. Ils sont votés chaque année par les assemblées délibérantes.",
        ],
      },
      { text: "Engagements de la Communauté urbaine" },
      {
        text: "Engagement 1.3 : La Communauté urbaine s’engage à réserver des terrains aux entreprises du port.",
        gap: 0,
      },
    ]),
  );

  it("keeps a wrapped line in its paragraph, not an item under a title set like the text; numbers look like numbers", () => {
    expect(rows(a)).toEqual([
      ["1", "1.1", "region", "La Région s’engage à soutenir les entreprises du port."],
      ["1", "1.2 bis", "partenaire", "La Communauté urbaine s’engage à aménager les terrains."],
      ["1", "A", "conjoint", "Les parties s’engagent à promouvoir le littoral."],
      ["1", "1.3", "partenaire", "La Communauté urbaine s’engage à réserver des terrains aux entreprises du port."],
    ]);
  });
});

describe("numbered sub-headings of an article", () => {
  const a = agreement(
    layout([
      ...cover("la Communauté urbaine de Dunkerque"),
      { text: "Axe 1 – Mobilités", size: 15, newPage: true },
      { text: "1.1 La Région s’engage à financer les études de la ligne Dunkerque-Lille." },
      { text: "1.2 Créer un pôle d’échanges multimodal" },
      { text: "Porteur : la Communauté urbaine de Dunkerque, avec ses communes membres", gap: 0 },
      { text: "Montant : 2 millions d’euros", gap: 0 },
      { text: "Article 5 – Modalités", size: 12, gap: 12 },
      { text: "5.1 – Calendrier" },
      { text: "Les opérations sont programmées chaque année par le comité technique, qui en fixe l’ordre.", gap: 0 },
      { text: "5.2 – Rôle des services" },
      { text: "Les services préparent les dossiers et en facilitent l’instruction." },
    ]),
  );

  it("are titles, not commitments, even when set like the text; a short item keeps its fields", () => {
    expect(a.engagements.map((e) => [e.numero_axe, e.numero_engagement, e.porteur, e.montant_euros, e.texte])).toEqual([
      ["1", "1.1", "region", null, "La Région s’engage à financer les études de la ligne Dunkerque-Lille."],
      ["1", "1.2", "partenaire", 2_000_000, "Créer un pôle d’échanges multimodal"],
    ]);
  });
});

describe("axes named otherwise", () => {
  const a = agreement(
    layout([
      ...cover("la Communauté urbaine de Dunkerque"),
      { text: "Orientation 1 : Développer l’emploi", size: 13, newPage: true },
      { text: "La Région s’engage à soutenir l’apprentissage." },
      { text: "Priorité 2 – Se déplacer mieux", size: 13 },
      { text: "La Communauté urbaine s’engage à créer des pistes cyclables." },
      { text: "Objectif stratégique 3 : Préserver l’eau", size: 13 },
      { text: "Les parties s’engagent à protéger les captages." },
      { text: "Ambition 4 – Rayonner", size: 13 },
      { text: "La Région s’engage à promouvoir la destination." },
      { text: "Article 9 – Évaluation", size: 13 },
      {
        lines: [
          "Les parties examinent chaque année l’avancement de la",
          "priorité 2 des actions inscrites au présent accord, et de",
          "axe 3 du schéma régional.",
        ],
      },
    ]),
  );

  it("reads « Orientation », « Priorité », « Objectif stratégique » and « Ambition » headings as axes", () => {
    expect(a.axes).toEqual([
      { numero: "1", intitule: "Développer l’emploi" },
      { numero: "2", intitule: "Se déplacer mieux" },
      { numero: "3", intitule: "Préserver l’eau" },
      { numero: "4", intitule: "Rayonner" },
    ]);
    expect(a.engagements.map((e) => [e.numero_axe, e.porteur])).toEqual([
      ["1", "region"],
      ["2", "partenaire"],
      ["3", "conjoint"],
      ["4", "region"],
    ]);
  });
});

describe("who is bound", () => {
  it("takes « les signataires » for both parties and leaves out what the State undertakes", () => {
    const a = agreement(
      layout([
        ...cover("la Communauté urbaine de Dunkerque"),
        { text: "Article 3 – Engagements", size: 13, newPage: true },
        { text: "Les signataires s’engagent à :" },
        { bullet: "–", text: "réunir chaque année le comité de pilotage ;", x: 85 },
        { bullet: "–", text: "publier un bilan commun des actions.", x: 85 },
        { text: "L’État s’engage à :" },
        { bullet: "–", text: "mobiliser les crédits du contrat de plan ;", x: 85 },
        { bullet: "–", text: "accompagner l’ingénierie des projets.", x: 85 },
        {
          text: "L’État s’engage à instruire les dossiers dans un délai de deux mois. La Région et l’État s’engagent à cofinancer l’étude de la ligne.",
        },
      ]),
    );
    expect(rows(a)).toEqual([
      [null, null, "conjoint", "réunir chaque année le comité de pilotage ;"],
      [null, null, "conjoint", "publier un bilan commun des actions."],
      [null, null, "region", "La Région et l’État s’engagent à cofinancer l’étude de la ligne."],
    ]);
  });

  it("reads « CA … » in a porteur cell as the partner, and leaves out a row carried by the State", () => {
    const runs: Run[] = [
      { text: "Accord-cadre de partenariat territorial", x: 60, y: 60, size: 16 },
      {
        text: "entre la Région Hauts-de-France et la Communauté d’agglomération du Boulonnais",
        x: 60,
        y: 80,
        size: 12,
      },
      { text: "Article 4 – Engagements", x: 60, y: 120, size: 12 },
    ];
    const cells = (y: number, texts: string[], font = "body") =>
      texts.forEach((text, k) => {
        runs.push({ text, x: [60, 90, 330, 450][k] as number, y, size: 9, font });
      });
    cells(150, ["N°", "Engagement", "Porteur", "Montant"], "bold");
    cells(170, ["1", "Créer une halte ferroviaire à Outreau.", "CA Boulonnais", "1,5 M€"]);
    cells(190, ["2", "Moderniser la gare de Boulogne-Ville.", "État", "–"]);
    cells(210, ["3", "Étudier la desserte du port.", "Région et CA Boulonnais", "200 000 €"]);
    const a = agreement([page(1, runs)]);
    expect(a.engagements.map((e) => [e.numero_engagement, e.porteur, e.montant_euros])).toEqual([
      ["1", "partenaire", 1_500_000],
      ["3", "conjoint", 200_000],
    ]);
  });
});

describe("repeated items", () => {
  it("keeps an item printed twice in one list, not its repetition in a summary annex", () => {
    const a = agreement(
      layout([
        ...cover("la Communauté urbaine de Dunkerque"),
        { text: "Article 4 – Axe 1 : Santé", size: 13, newPage: true },
        { text: "La Région s’engage à :" },
        { bullet: "–", text: "soutenir la maison de santé ;", x: 85 },
        { bullet: "–", text: "soutenir la maison de santé ;", x: 85 },
        { bullet: "–", text: "former les aidants.", x: 85 },
        { text: "Annexe – Récapitulatif des engagements", size: 13 },
        { text: "La Région s’engage à :" },
        { bullet: "–", text: "soutenir la maison de santé ;", x: 85 },
        { bullet: "–", text: "former les aidants.", x: 85 },
      ]),
    );
    expect(a.engagements.map((e) => e.texte)).toEqual([
      "soutenir la maison de santé ;",
      "soutenir la maison de santé ;",
      "former les aidants.",
    ]);
  });
});

describe("list levels", () => {
  it("measures an item's level at its marker, whether or not the marker is a run of its own", () => {
    const a = agreement(
      layout([
        ...cover("la Communauté urbaine de Dunkerque"),
        { text: "Article 4 – Axe 1 : Santé", size: 13, newPage: true },
        { text: "La Région s’engage à :" },
        { text: "– soutenir la maison de santé ;", x: 85 },
        { bullet: "–", text: "former les aidants ;", x: 85 },
        { bullet: "▪", text: "dans les communes rurales.", x: 105 },
      ]),
    );
    expect(a.engagements.map((e) => e.texte)).toEqual([
      "soutenir la maison de santé ;",
      "former les aidants ; dans les communes rurales.",
    ]);
  });
});

describe("agreement fields", () => {
  it("starts the validity at the signature when the agreement says so, and finds the nature after any mention of the name", () => {
    const a = agreement(
      layout([
        { text: "RÉGION HAUTS-DE-FRANCE – GRANDSOISSONS AGGLOMÉRATION", size: 12, gap: 90 },
        ...cover("GrandSoissons Agglomération"),
        { text: "Les parties", size: 13, newPage: true },
        {
          text: "GrandSoissons Agglomération, communauté d’agglomération, dont le siège est situé à Soissons, ci-après dénommée « l’Agglomération »,",
        },
        { text: "Article 1 – Objet", size: 13 },
        { text: "L’Agglomération s’engage à désigner un référent chargé du suivi de l’accord." },
        { text: "Article 2 – Durée", size: 13 },
        { text: "Le présent accord prend effet à la date de sa signature et s’achève le 31 décembre 2026." },
        { text: "Fait à Soissons, le 3 mai 2021, en deux exemplaires originaux." },
      ]),
    );
    expect(a).toMatchObject({
      nom_partenaire: "GrandSoissons Agglomération",
      nature_partenaire: "communauté d'agglomération",
      date_signature: "2021-05-03",
      date_debut: "2021-05-03",
      date_fin: "2026-12-31",
      duree_mois: null,
    });
  });
});
