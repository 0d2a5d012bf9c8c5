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
  it("completes header cells set on two lines and reads bare amounts in the unit of the header", () => {
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
});
