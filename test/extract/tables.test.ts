import { describe, expect, it } from "vitest";
import { extractFromPages } from "../../pipeline/extract/index.ts";
import { pageRows } from "../../pipeline/extract/layout.ts";
import { headerCells } from "../../pipeline/extract/tables.ts";
import type { PageText } from "../../pipeline/types.ts";
import { page, type Run } from "./synthetic.ts";

const LANDSCAPE = { width: 842, height: 595 };
const OPTS = { fileName: "annexe.pdf", maxPages: 20 };

/** One table row: cells given as lines, starting at baseline y; returns the y after the row. */
function row(runs: Run[], y: number, cells: [number, string[]][], size = 9): number {
  let lines = 0;
  for (const [x, texts] of cells) {
    for (const [i, text] of texts.entries()) runs.push({ text, x, y: y + i * 11, size });
    lines = Math.max(lines, texts.length);
  }
  return y + lines * 11 + 6;
}

const HEADER: [number, string[]][] = [
  [60, ["Axe"]],
  [140, ["Action"]],
  [470, ["Pilote"]],
  [600, ["Coût estimé"]],
  [720, ["Échéance"]],
];

function annexTable(): PageText[] {
  const cover = page(1, [
    { text: "Accord-cadre de partenariat territorial", x: 80, y: 300, size: 20 },
    { text: "entre la Région Hauts-de-France et la Communauté d’agglomération du Boulonnais", x: 60, y: 326, size: 14 },
    { text: "Article 1 – Objet", x: 70, y: 420, size: 11.5 },
    { text: "Les engagements des parties figurent au tableau annexé, qui fait partie de l’accord.", x: 70, y: 440 },
  ]);
  const p2: Run[] = [{ text: "Annexe – Tableau des engagements", x: 60, y: 60, size: 13 }];
  let y = row(p2, 90, HEADER);
  y = row(p2, y, [
    [60, ["1"]],
    [140, ["Créer un centre d’interprétation du patrimoine", "maritime sur le port de Boulogne-sur-Mer."]],
    [470, ["Région"]],
    [600, ["1,2 M€"]],
    [720, ["2022"]],
  ]);
  y = row(p2, y, [
    [60, ["1"]],
    [140, ["Aménager la liaison cyclable entre le centre-ville et", "la gare, avec des stationnements sécurisés."]],
    [470, ["Agglomération"]],
    [600, ["–"]],
    [720, ["2023-2024"]],
  ]);
  for (const [k, what] of [
    "la halle aux poissons",
    "le musée du littoral",
    "les quais Gambetta",
    "le fort de la Crèche",
  ].entries()) {
    y = row(p2, y, [
      [60, ["1"]],
      [140, [`Étudier la rénovation de ${what},`, "en lien avec les acteurs du port."]],
      [470, ["Agglomération"]],
      [600, [`${k + 1}0 000 €`]],
      [720, ["2022"]],
    ]);
  }
  y = row(p2, y, [
    [60, ["2"]],
    [140, ["Réaliser un schéma directeur de l’accueil touristique"]],
    [470, ["Région et", "Agglomération"]],
    [600, ["80 000 €"]],
    [720, ["2021"]],
  ]);
  const p3: Run[] = [];
  let y3 = row(p3, 60, HEADER);
  y3 = row(p3, y3, [
    [60, ["2"]],
    [140, ["Soutenir l’organisation d’un festival des arts de la", "mer d’envergure nationale."]],
    [470, ["Région"]],
    [600, ["150 000 €"]],
    [720, ["annuel"]],
  ]);
  p3.push({ text: "Fait à Boulogne-sur-Mer, le 12 octobre 2021.", x: 60, y: y3 + 40, size: 11 });
  return [cover, page(2, p2, LANDSCAPE), page(3, p3, LANDSCAPE)];
}

describe("tables of commitments", () => {
  it("completes header cells set on two lines, reads bare amounts in the unit of the header, drops the TOTAL row", () => {
    const runs: Run[] = [
      {
        text: "Accord-cadre de partenariat territorial entre la Région Hauts-de-France et Amiens Métropole",
        x: 60,
        y: 60,
        size: 16,
      },
      { text: "Article 4 – Engagements", x: 60, y: 100, size: 12 },
    ];
    const head = (text: string, x: number, y: number): Run => ({ text, x, y, size: 9, font: "bold" });
    runs.push(head("N°", 60, 130), head("Engagement", 120, 130), head("Maître", 380, 130), head("Montant", 470, 130));
    runs.push(head("d’ouvrage", 380, 141), head("(k€)", 470, 141));
    let y = 160;
    for (const [n, text, who, amount] of [
      ["1", "Rénover la maison de la culture.", "Amiens Métropole", "2 200"],
      ["2", "Cofinancer les études de desserte ferroviaire.", "Région", "400"],
      ["", "TOTAL", "", "2 600"],
    ] as const) {
      y = row(runs, y, [
        [60, [n]],
        [120, [text]],
        [380, [who]],
        [470, [amount]],
      ]);
    }
    const result = extractFromPages([page(1, runs)], OPTS);
    expect(
      result.ok && result.agreement.engagements.map((e) => [e.numero_engagement, e.porteur, e.montant_euros]),
    ).toEqual([
      ["1", "partenaire", 2_200_000],
      ["2", "region", 400_000],
    ]);
  });

  it("recognises a header row by its column names", () => {
    const [header] = pageRows(
      page(
        1,
        HEADER.map(([x, [text]]) => ({ text: text as string, x, y: 100, size: 9 })),
      ),
    );
    expect(headerCells(header as never)?.map((c) => c.role)).toEqual([
      "axe",
      "texte",
      "porteur",
      "montant",
      "calendrier",
    ]);
  });

  it("reads one commitment per row of a landscape annex table continued after a repeated header", () => {
    const result = extractFromPages(annexTable(), OPTS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = result.agreement.engagements.map((e) => [e.numero_axe, e.texte, e.porteur, e.montant_euros, e.page]);
    expect(rows).toEqual([
      [
        "1",
        "Créer un centre d’interprétation du patrimoine maritime sur le port de Boulogne-sur-Mer.",
        "region",
        1_200_000,
        2,
      ],
      [
        "1",
        "Aménager la liaison cyclable entre le centre-ville et la gare, avec des stationnements sécurisés.",
        "partenaire",
        null,
        2,
      ],
      ...["la halle aux poissons", "le musée du littoral", "les quais Gambetta", "le fort de la Crèche"].map(
        (what, k) => [
          "1",
          `Étudier la rénovation de ${what}, en lien avec les acteurs du port.`,
          "partenaire",
          (k + 1) * 10_000,
          2,
        ],
      ),
      ["2", "Réaliser un schéma directeur de l’accueil touristique", "conjoint", 80_000, 2],
      ["2", "Soutenir l’organisation d’un festival des arts de la mer d’envergure nationale.", "region", 150_000, 3],
    ]);
    expect(result.agreement.siren_partenaire).toBe("246200729");
    expect(result.agreement.date_signature).toBe("2021-10-12");
  });

  it("takes the column of « Action 1 » cells for the numbers, below a header row taller than its text", () => {
    const runs: Run[] = [
      { text: "Accord-cadre entre la Région Hauts-de-France et la Communauté urbaine d’Arras", x: 60, y: 60, size: 14 },
      { text: "Article 4 – Plan d’actions", x: 60, y: 100, size: 12 },
      { text: "Les actions retenues sont présentées dans le tableau ci-dessous.", x: 60, y: 120, size: 11 },
    ];
    row(runs, 150, [
      [60, ["Action"]],
      [130, ["Description"]],
      [370, ["Pilote"]],
      [450, ["Coût (€ HT)"]],
    ]);
    // The header cell is one empty line taller than its text.
    let y = row(runs, 190, [[60, ["Enjeu n° 1 – Conforter l’enseignement supérieur et la recherche à Arras"]]]);
    y = row(runs, y, [
      [60, ["Action 1"]],
      [130, ["Soutenir l’extension du pôle", "universitaire."]],
      [370, ["Région"]],
      [450, ["1 500 000"]],
    ]);
    row(runs, y, [
      [60, ["Action 2"]],
      [130, ["Créer une résidence étudiante."]],
      [370, ["CUA"]],
      [450, ["4 200 000"]],
    ]);
    const result = extractFromPages([page(1, runs)], OPTS);
    expect(
      result.ok &&
        result.agreement.engagements.map((e) => [e.numero_axe, e.numero_engagement, e.texte, e.montant_euros]),
    ).toEqual([
      ["1", "1", "Soutenir l’extension du pôle universitaire.", 1_500_000],
      ["1", "2", "Créer une résidence étudiante.", 4_200_000],
    ]);
  });

  it("reads no commitment from the financial summary of commitments stated above, nor from its TOTAL row", () => {
    const runs: Run[] = [
      {
        text: "Accord-cadre entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque",
        x: 60,
        y: 60,
        size: 14,
      },
      { text: "Article 3 – Engagements", x: 60, y: 100, size: 12 },
      { text: "La Région s’engage à cofinancer la maison de santé de Gravelines.", x: 60, y: 120, size: 11 },
      { text: "Annexe – Récapitulatif financier des fiches", x: 60, y: 160, size: 12 },
    ];
    let y = row(
      runs,
      185,
      [
        [60, ["Fiche"]],
        [110, ["Intitulé"]],
        [330, ["Maître d’ouvrage"]],
        [450, ["Part Région"]],
      ],
      11,
    );
    y = row(
      runs,
      y,
      [
        [60, ["1"]],
        [110, ["Maison de santé de Gravelines"]],
        [330, ["Communauté urbaine"]],
        [450, ["250 000 €"]],
      ],
      11,
    );
    row(
      runs,
      y,
      [
        [110, ["TOTAL"]],
        [450, ["250 000 €"]],
      ],
      11,
    );
    const result = extractFromPages([page(1, runs)], OPTS);
    expect(result.ok && result.agreement.engagements.map((e) => e.texte)).toEqual([
      "La Région s’engage à cofinancer la maison de santé de Gravelines.",
    ]);
  });

  it("reads a table setting each party's commitments side by side: one per item, porteur from the column", () => {
    const runs: Run[] = [
      {
        text: "Accord-cadre entre la Région Hauts-de-France et la Communauté de communes des Sept Vallées",
        x: 60,
        y: 60,
        size: 14,
      },
      { text: "Article 4. Tableau des engagements", x: 60, y: 100, size: 10.5, font: "bold" },
      { text: "Le tableau ci-dessous présente en regard les engagements des deux parties.", x: 60, y: 116, size: 10.5 },
      // Headers centred over their columns, which start further left.
      { text: "Engagements de la Région", x: 118, y: 140, size: 9.5, font: "bold" },
      { text: "Engagements de la Communauté de communes", x: 308, y: 140, size: 9.5, font: "bold" },
      { text: "Volet 1 – Revitaliser les centres-bourgs et le commerce de proximité", x: 65, y: 160, size: 9.5 },
    ];
    // Each column's items, bullets set apart; the columns' lines do not share baselines.
    const column = (x: number, y: number, items: string[][]) => {
      for (const lines of items) {
        runs.push({ text: "-", x, y, size: 9.5 });
        for (const line of lines) {
          runs.push({ text: line, x: x + 10, y, size: 9.5 });
          y += 11;
        }
      }
    };
    column(65, 178, [
      ["Accompagner la revitalisation des", "centres-bourgs, pour 1,2 million d’euros."],
      ["Soutenir les commerces de proximité."],
    ]);
    column(303, 182, [
      ["Acquérir les cellules commerciales", "vacantes des deux bourgs."],
      ["Créer un poste de manager", "de commerce mutualisé."],
    ]);
    runs.push({ text: "Volet 2 – Préserver la ressource en eau", x: 65, y: 222, size: 9.5 });
    column(65, 240, [["Cofinancer la restauration des zones humides,", "à hauteur de 2 millions d’euros."]]);
    column(303, 240, [["Engager la renaturation de 15 km de berges."]]);
    runs.push({ text: "Article 5. Durée", x: 60, y: 300, size: 10.5, font: "bold" });
    runs.push({ text: "Le présent accord est conclu pour une durée de six ans.", x: 60, y: 316, size: 10.5 });

    const result = extractFromPages([page(1, runs)], OPTS);
    expect(
      result.ok && result.agreement.engagements.map((e) => [e.numero_axe, e.porteur, e.texte, e.montant_euros]),
    ).toEqual([
      ["1", "region", "Accompagner la revitalisation des centres-bourgs, pour 1,2 million d’euros.", 1_200_000],
      ["1", "region", "Soutenir les commerces de proximité.", null],
      ["1", "partenaire", "Acquérir les cellules commerciales vacantes des deux bourgs.", null],
      ["1", "partenaire", "Créer un poste de manager de commerce mutualisé.", null],
      ["2", "region", "Cofinancer la restauration des zones humides, à hauteur de 2 millions d’euros.", 2_000_000],
      ["2", "partenaire", "Engager la renaturation de 15 km de berges.", null],
    ]);
  });
});
