import { describe, expect, it } from "vitest";
import { extractFromPages } from "../../pipeline/extract/index.ts";
import type { ExtractedAgreement } from "../../pipeline/types.ts";
import { structureD } from "./fixtures-synthetic.ts";
import { layout, page, type Run } from "./synthetic.ts";

const OPTS = { fileName: "synthetique.pdf", maxPages: 50 };

function agreement(pages: ReturnType<typeof structureD>): ExtractedAgreement {
  const result = extractFromPages(pages, OPTS);
  if (!result.ok) throw new Error(result.error.message);
  return result.agreement;
}

describe("an agreement with a table of contents, 1.2.3 numbering, ▪ and a) lists and a fiche-action", () => {
  const a = agreement(structureD());

  it("reads the metadata, the partner's SIREN coming from the reference table", () => {
    expect(a).toMatchObject({
      titre: "Accord-cadre de partenariat territorial entre la Région Hauts-de-France et la Communauté urbaine d'Arras",
      type_accord: "accord-cadre de partenariat territorial",
      nom_partenaire: "Communauté urbaine d'Arras",
      siren_partenaire: "200033579",
      nature_partenaire: "communauté urbaine",
      date_signature: "2021-03-03",
      lieu_signature: "Arras",
      date_debut: "2021-01-01",
      date_fin: "2026-12-31",
      duree_mois: null,
      nombre_pages: 3,
      axes: [
        { numero: "1", intitule: "Développer l'économie de la connaissance et conforter l'université de l'Artois" },
        { numero: "2", intitule: "Renforcer les mobilités" },
      ],
    });
  });

  it("keeps the commitments of the articles only: not the contents, the preamble nor the findings", () => {
    expect(a.engagements.map((e) => [e.numero_axe, e.numero_engagement, e.porteur, e.montant_euros, e.texte])).toEqual([
      [
        "1",
        "1.1.1",
        "region",
        2_000_000,
        "La Région s'engage à soutenir les laboratoires de l'université à hauteur de 2 millions d'euros sur la durée de l'accord.",
      ],
      [
        "1",
        "1.1.2",
        "partenaire",
        null,
        "La CUA s'engage à mettre à disposition 40 000 m² de foncier pour l'extension du campus.",
      ],
      ["1", null, "partenaire", 350_000, "créer une pépinière d'entreprises innovantes, pour un coût de 350 000 € ;"],
      ["1", null, "partenaire", null, "réserver 50 % des places aux jeunes entreprises issues de l'université."],
      ["2", "2.1", "conjoint", 12_500, "Créer un pôle d'échanges multimodal en gare d'Arras"],
      [
        null,
        null,
        "conjoint",
        null,
        "Chacune des parties s'engage à désigner un référent chargé du suivi de l'accord.",
      ],
    ]);
  });
});

describe("an agreement set in two columns", () => {
  const pages = () => {
    const cover = layout(
      [
        { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
        { text: "entre la Région Hauts-de-France et Douaisis Agglo", size: 14, gap: 4 },
      ],
      {},
    );
    const runs: Run[] = [{ text: "Article 3 – Axe 1 : Attractivité", x: 70, y: 80, size: 13 }];
    const left = [
      "La Région s’engage à :",
      "– financer la rénovation du",
      "musée de la Chartreuse, à hauteur",
      "de 1,5 M€ ;",
      "– soutenir les entreprises",
      "de la filière ferroviaire.",
    ];
    const right = [
      "Douaisis Agglo s’engage à :",
      "– aménager les abords de la gare",
      "de Douai ;",
      "– créer une maison du projet",
      "pour informer les habitants.",
    ];
    for (const [i, text] of left.entries())
      runs.push({ text, x: /^–/.test(text) || i === 0 ? 70 : 80, y: 110 + i * 14, size: 10 });
    for (const [i, text] of right.entries())
      runs.push({ text, x: /^–/.test(text) || i === 0 ? 320 : 330, y: 110 + i * 14, size: 10 });
    runs.push({ text: "Fait à Douai, le 1er juillet 2021.", x: 70, y: 260, size: 10 });
    return [...cover, page(2, runs)];
  };

  it("reads each column as a whole, so each bullet keeps its lead-in", () => {
    const a = agreement(pages());
    expect(a.engagements.map((e) => [e.porteur, e.montant_euros, e.texte])).toEqual([
      ["region", 1_500_000, "financer la rénovation du musée de la Chartreuse, à hauteur de 1,5 M€ ;"],
      ["region", null, "soutenir les entreprises de la filière ferroviaire."],
      ["partenaire", null, "aménager les abords de la gare de Douai ;"],
      ["partenaire", null, "créer une maison du projet pour informer les habitants."],
    ]);
    expect(a.siren_partenaire).toBe("200044618");
    expect(a.date_signature).toBe("2021-07-01");
  });
});

describe("labels and warnings", () => {
  it("reads « Engagement n° 3 » labels whose text starts on the next line, and warns about an unknown partner", () => {
    const pages = layout([
      { text: "Convention de partenariat", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et le Pôle métropolitain de l'Opale", size: 14, gap: 4 },
      { text: "Article 1 – Engagements", size: 13, newPage: true },
      { text: "Engagement n° 3", font: "bold" },
      { lines: ["Le Pôle s'engage à animer le réseau des offices de", "tourisme du littoral."], gap: 0 },
    ]);
    const result = extractFromPages(pages, OPTS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.agreement.engagements).toEqual([
      {
        numero_axe: null,
        intitule_axe: null,
        numero_engagement: "3",
        texte: "Le Pôle s'engage à animer le réseau des offices de tourisme du littoral.",
        porteur: "partenaire",
        montant_euros: null,
        page: 2,
      },
    ]);
    expect(result.agreement).toMatchObject({
      type_accord: "convention de partenariat",
      nom_partenaire: "Pôle métropolitain de l'Opale",
      nature_partenaire: "pôle métropolitain",
      siren_partenaire: null,
    });
    expect(result.warnings.map((w) => w.code)).toEqual(["unknown-partner", "no-signature-date"]);
    expect(result.warnings[0]).toMatchObject({
      stage: "extract",
      document: "synthetique.pdf",
      field: "siren_partenaire",
    });
  });
});

describe("items followed by their fields", () => {
  it("takes the carrier and the amount from « Porteur : » and « Montant : » lines, not from the text", () => {
    const pages = layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et la Métropole européenne de Lille (MEL)", size: 14, gap: 4 },
      { text: "Axe 2 – Mobilités", size: 13, newPage: true },
      { text: "Action 2.1 : Créer un pôle d'échanges multimodal à Lille-Flandres" },
      { text: "Porteur : MEL", gap: 0 },
      { text: "Montant : 2 millions d'euros", gap: 0 },
      { text: "Calendrier : 2022-2024", gap: 0 },
    ]);
    const result = extractFromPages(pages, OPTS);
    expect(result.ok && result.agreement.engagements).toEqual([
      {
        numero_axe: "2",
        intitule_axe: "Mobilités",
        numero_engagement: "2.1",
        texte: "Créer un pôle d'échanges multimodal à Lille-Flandres",
        porteur: "partenaire",
        montant_euros: 2_000_000,
        page: 2,
      },
    ]);
    expect(result.ok && result.agreement.siren_partenaire).toBe("200093201");
  });
});

describe("lists without bullet glyphs and numbered paragraphs", () => {
  const doc = () =>
    layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque", size: 14, gap: 4 },
      { text: "Article 2 – Définitions", size: 13, newPage: true },
      { text: "2.1 Le territoire s'entend du périmètre de la Communauté urbaine au 1er janvier 2020." },
      { text: "Article 3 – Engagements de la Communauté urbaine", size: 13 },
      { text: "La Communauté urbaine s'engage à :" },
      { text: "maintenir la gratuité de son réseau de bus ;", x: 90 },
      { text: "étendre la desserte vers les communes périphériques.", x: 90 },
      { text: "Ces engagements sont suivis par le comité de pilotage." },
    ]);

  it("takes each lower-case paragraph after a lead-in as an item, and skips a numbered definition", () => {
    const result = extractFromPages(doc(), OPTS);
    expect(result.ok && result.agreement.engagements.map((e) => [e.porteur, e.texte])).toEqual([
      ["partenaire", "maintenir la gratuité de son réseau de bus ;"],
      ["partenaire", "étendre la desserte vers les communes périphériques."],
    ]);
  });
});

describe("wordings of other producers", () => {
  const doc = () =>
    layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque", size: 14, gap: 4 },
      { text: "Chapitre 1 – Priorité I : Conforter l’industrie", size: 13, font: "bold", newPage: true },
      { text: "LA RÉGION S'ENGAGE A SOUTENIR LES FILIÈRES DE L'HYDROGÈNE." },
      { text: "La Communauté urbaine s'engage a transmettre un bilan annuel des aides versées." },
      { text: "Volet 2 – Mobilités", size: 13, font: "bold" },
      { text: "La Région s'engage à cofinancer la ligne de bus à haut niveau de service." },
      { text: "2.1 La Région apportera à la Communauté urbaine une aide de 3.500.000 € pour le port." },
      { text: "VI. GOUVERNANCE", size: 13, font: "bold" },
      { text: "Les parties s'engagent à réunir un comité de pilotage chaque année." },
    ]);

  it("reads « s'engage a » without its accent, « Volet » and « Chapitre 1 – Priorité I » axes, an item's subject before its verb, and leaves the axis at a governance heading", () => {
    const result = extractFromPages(doc(), OPTS);
    expect(result.ok && result.agreement.axes).toEqual([
      { numero: "I", intitule: "Conforter l’industrie" },
      { numero: "2", intitule: "Mobilités" },
    ]);
    expect(result.ok && result.agreement.engagements.map((e) => [e.numero_axe, e.porteur])).toEqual([
      ["I", "region"],
      ["I", "partenaire"],
      ["2", "region"],
      ["2", "region"],
      [null, "conjoint"],
    ]);
  });
});

describe("fiches stating each party's part", () => {
  const doc = () =>
    layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque", size: 14, gap: 4 },
      { text: "Axe 1 – Santé", size: 13, font: "bold", newPage: true },
      { text: "Axe 2 – Mobilités", size: 13, font: "bold" },
      { text: "FICHE N° 1 – Maison de santé de Gravelines", size: 12, font: "bold" },
      { text: "Orientation stratégique : n° 1" },
      { text: "Contexte : la commune a perdu deux médecins." },
      {
        lines: [
          "Engagement de la Région : cofinancer la maison de santé à hauteur de 250 k€ et la relier à",
          "Grande-Synthe par une navette.",
        ],
      },
      { text: "Engagement de la Communauté urbaine : assurer la maîtrise d’ouvrage." },
      { text: "Calendrier : 2022-2024" },
      { text: "FICHE N° 2 – Véloroute du littoral", size: 12, font: "bold" },
      { text: "Orientation stratégique : n° 2" },
      { text: "Engagement commun : aménager la véloroute, pour une participation régionale de 1,2 M€." },
      { text: "Annexe – Récapitulatif financier des fiches", size: 13, font: "bold", newPage: true },
    ]);

  it("takes each « Engagement de … : » field as a commitment of that party, numbered after its fiche, under the fiche's axis", () => {
    const result = extractFromPages(doc(), OPTS);
    expect(
      result.ok &&
        result.agreement.engagements.map((e) => [
          e.numero_engagement,
          e.numero_axe,
          e.porteur,
          e.texte,
          e.montant_euros,
        ]),
    ).toEqual([
      [
        "1",
        "1",
        "region",
        "cofinancer la maison de santé à hauteur de 250 k€ et la relier à Grande-Synthe par une navette.",
        250_000,
      ],
      ["1", "1", "partenaire", "assurer la maîtrise d’ouvrage.", null],
      ["2", "2", "conjoint", "aménager la véloroute, pour une participation régionale de 1,2 M€.", 1_200_000],
    ]);
  });
});

describe("axes named in headings, coded labels", () => {
  const doc = () =>
    layout([
      { text: "Accord-cadre de partenariat territorial", size: 20, gap: 200 },
      { text: "entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque", size: 14, gap: 4 },
      { text: "Article 2 – Les défis du territoire", size: 13, newPage: true },
      { text: "Le partenariat est structuré autour des deux défis suivants :" },
      { bullet: "–", text: "Défi 1 : Accélérer la reconversion économique", x: 85 },
      { bullet: "–", text: "Défi 2 : Reconquérir la qualité de l’eau", x: 85 },
      { text: "Article 3 – Engagements au titre du défi 1 – Accélérer la reconversion économique", size: 13 },
      { text: "E1 – La Région s’engage à accompagner la reconversion du site portuaire." },
      { text: "E2 – La Communauté urbaine s’engage à acquérir le foncier nécessaire." },
      { text: "Article 4 – Engagements des parties", size: 13 },
      { text: "4.1 – Au titre de l’axe 2 : Reconquérir la qualité de l’eau", size: 11 },
      { text: "La Région s’engage à cofinancer la station d’épuration." },
    ]);

  it("enters the axis a heading names (« au titre du défi 1 », « au titre de l’axe 2 ») and reads « E1 – » as an item's number", () => {
    const result = extractFromPages(doc(), OPTS);
    expect(result.ok && result.agreement.axes.map((a) => a.numero)).toEqual(["1", "2"]);
    expect(
      result.ok && result.agreement.engagements.map((e) => [e.numero_axe, e.numero_engagement, e.porteur, e.texte]),
    ).toEqual([
      ["1", "E1", "region", "La Région s’engage à accompagner la reconversion du site portuaire."],
      ["1", "E2", "partenaire", "La Communauté urbaine s’engage à acquérir le foncier nécessaire."],
      ["2", null, "region", "La Région s’engage à cofinancer la station d’épuration."],
    ]);
  });
});

describe("a cover pairing the parties, third parties, joint commitments", () => {
  const doc = () =>
    layout([
      { text: "Contrat de territoire", size: 20, gap: 200 },
      { text: "Région Hauts-de-France – Communauté urbaine de Dunkerque", size: 14, gap: 4 },
      { text: "La Communauté urbaine de Dunkerque, représentée par son Président,", newPage: true },
      { text: "1. Les priorités", size: 13, font: "bold" },
      { text: "2.1. Priorité 1 – Décarboner l’industrie", size: 13, font: "bold" },
      { text: "La Région s’engage à cofinancer le réseau de chaleur." },
      { text: "L’ADEME s’engage à apporter son expertise technique." },
      { text: "La Banque des Territoires s’engage à étudier un prêt." },
      { text: "Engagements communs :" },
      { bullet: "–", text: "réunir un comité de suivi chaque année.", x: 85 },
    ]);

  it("reads the partner from « Région Hauts-de-France – X », enters « 2.1. Priorité 1 », leaves out what a third party undertakes", () => {
    const result = extractFromPages(doc(), OPTS);
    expect(result.ok && result.agreement.nom_partenaire).toBe("Communauté urbaine de Dunkerque");
    expect(result.ok && result.agreement.engagements.map((e) => [e.numero_axe, e.porteur, e.texte])).toEqual([
      ["1", "region", "La Région s’engage à cofinancer le réseau de chaleur."],
      ["1", "conjoint", "réunir un comité de suivi chaque année."],
    ]);
  });
});
