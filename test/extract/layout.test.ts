import { describe, expect, it } from "vitest";
import { findGutter, readingOrder } from "../../pipeline/extract/columns.ts";
import { buildDocument } from "../../pipeline/extract/document.ts";
import { buildVocabulary, joinLines } from "../../pipeline/extract/hyphenation.ts";
import { pageRows } from "../../pipeline/extract/layout.ts";
import { marginKey } from "../../pipeline/extract/margins.ts";
import { A4, page, type Run, widthOf } from "./synthetic.ts";

const lineTexts = (pages: ReturnType<typeof page>[]) =>
  buildDocument(pages).elements.flatMap((e) => (e.kind === "line" ? [e.line.text] : []));

describe("lines from positioned text", () => {
  it("puts runs of one baseline on one line, with spaces where there are gaps", () => {
    const rows = pageRows(
      page(1, [
        { text: "La", x: 70, y: 100 },
        { text: "Région", x: 85, y: 100 },
        { text: "s’engage", x: 125, y: 100.4 },
        { text: "seconde ligne", x: 70, y: 115 },
      ]),
    );
    expect(rows.map((r) => r.text)).toEqual(["La Région s’engage", "seconde ligne"]);
  });

  it("drops a footnote call set as a superscript but keeps the punctuation against the word", () => {
    const rows = pageRows(
      page(1, [
        { text: "en cohérence avec le volet mobilités du SRADDET", x: 82, y: 400 },
        {
          text: "1",
          x: 82 + widthOf("en cohérence avec le volet mobilités du SRADDET", 11) + 0.4,
          y: 395.7,
          size: 6.4,
        },
        { text: ".", x: 82 + widthOf("en cohérence avec le volet mobilités du SRADDET", 11) + 4, y: 400 },
      ]),
    );
    expect(rows.map((r) => r.text)).toEqual(["en cohérence avec le volet mobilités du SRADDET."]);
  });
});

describe("running headers, footers, page numbers and footnotes", () => {
  const body = (n: number): Run[] => [
    { text: "Accord-cadre – Région Hauts-de-France / Métropole européenne de Lille", x: 128, y: 42, size: 8.5 },
    { text: `Article ${n} – Objet`, x: 71, y: 130, size: 11.5 },
    { text: `Le texte de la page ${n} continue ici.`, x: 71, y: 150 },
    { text: "Document fictif – jeu d’essai", x: 71, y: 806, size: 8.5 },
    { text: `Page ${n}/3`, x: 495, y: 806, size: 8.5 },
  ];

  it("removes lines repeated in the top and bottom bands, whatever the page number", () => {
    const texts = lineTexts([page(1, body(1)), page(2, body(2)), page(3, body(3))]);
    expect(texts).toEqual([
      "Article 1 – Objet",
      "Le texte de la page 1 continue ici.",
      "Article 2 – Objet",
      "Le texte de la page 2 continue ici.",
      "Article 3 – Objet",
      "Le texte de la page 3 continue ici.",
    ]);
  });

  it.each([["Page 3/6"], ["3 / 6"], ["- 3 -"], ["3"], ["p. 3"]])("%s is a page number", (text) => {
    expect(marginKey(text)).toBe("");
  });

  it("removes a lone page number even on a two-page document", () => {
    const texts = lineTexts([
      page(1, [
        { text: "Un texte.", x: 71, y: 100 },
        { text: "1", x: 290, y: 810, size: 9 },
      ]),
    ]);
    expect(texts).toEqual(["Un texte."]);
  });

  it("removes the footnote at the bottom of the page whose call is in the text", () => {
    const texts = lineTexts([
      page(1, [
        { text: "La Métropole s’engage à réaliser les études du SRADDET", x: 82, y: 400 },
        {
          text: "1",
          x: 82 + widthOf("La Métropole s’engage à réaliser les études du SRADDET", 11) + 0.3,
          y: 395.7,
          size: 6.4,
        },
        { text: ".", x: 82 + widthOf("La Métropole s’engage à réaliser les études du SRADDET", 11) + 4, y: 400 },
        { text: "Une autre ligne du texte courant.", x: 82, y: 415 },
        { text: "1 Le volet « mobilités » du SRADDET tient lieu de schéma régional.", x: 71, y: 782, size: 8.5 },
      ]),
    ]);
    expect(texts).toEqual([
      "La Métropole s’engage à réaliser les études du SRADDET.",
      "Une autre ligne du texte courant.",
    ]);
  });
});

describe("two-column pages", () => {
  const twoColumns = (): Run[] => {
    const runs: Run[] = [
      { text: "Article 4 – Axe 1 : Développer l’université et la recherche appliquée", x: 70, y: 90, size: 12 },
    ];
    const left = [
      "La Région s’engage à soutenir les",
      "laboratoires de l’université et à",
      "financer les équipements de",
      "recherche partagés ;",
      "elle s’engage aussi à accueillir",
      "les chercheurs étrangers.",
    ];
    const right = [
      "La Communauté s’engage à réserver",
      "du foncier au campus et à créer",
      "une pépinière pour les entreprises",
      "issues des laboratoires.",
      "Les parties s’engagent à évaluer",
      "chaque année les résultats.",
    ];
    for (const [i, text] of left.entries()) runs.push({ text, x: 70, y: 120 + i * 14, size: 10 });
    for (const [i, text] of right.entries()) runs.push({ text, x: 320, y: 121.5 + i * 14, size: 10 });
    runs.push({
      text: "Article 5 – Gouvernance, sur toute la largeur de la page après les colonnes",
      x: 70,
      y: 230,
      size: 12,
    });
    return runs;
  };

  it("finds the gutter between the columns", () => {
    const gutter = findGutter(pageRows(page(1, twoColumns())), A4.width);
    // Left lines end at 235, right lines start at 320.
    expect(gutter).toBeGreaterThan(250);
    expect(gutter).toBeLessThan(305);
  });

  it("reads the left column, then the right one, between full-width lines", () => {
    const texts = readingOrder(pageRows(page(1, twoColumns())), A4.width).map((l) => l.text);
    expect(texts[0]).toMatch(/^Article 4/);
    expect(texts.slice(1, 7)).toEqual([
      "La Région s’engage à soutenir les",
      "laboratoires de l’université et à",
      "financer les équipements de",
      "recherche partagés ;",
      "elle s’engage aussi à accueillir",
      "les chercheurs étrangers.",
    ]);
    expect(texts[7]).toBe("La Communauté s’engage à réserver");
    expect(texts[texts.length - 1]).toMatch(/^Article 5/);
  });

  it("keeps a single-column page as it is", () => {
    const rows = pageRows(
      page(
        1,
        Array.from({ length: 12 }, (_, i) => ({
          text: "Une ligne de texte qui traverse toute la page d’un bord à l’autre.",
          x: 70,
          y: 100 + 14 * i,
        })),
      ),
    );
    expect(findGutter(rows, A4.width)).toBeNull();
  });
});

describe("end-of-line hyphenation", () => {
  const vocab = buildVocabulary([
    "les filières de la santé, de la nutrition et du numérique",
    "un accord-cadre et les accords-cadres",
    "le nouvel outil",
  ]);
  it.each([
    [["le territoire dunker-", "quois occupe"], "le territoire dunkerquois occupe"],
    [["de la Républi-", "que ;"], "de la République ;"],
    [["les nouvel-", "les routes"], "les nouvelles routes"],
    [["l’Europe du Nord-", "Ouest."], "l’Europe du Nord-Ouest."],
    [["M. Pierre-", "Yves Garnier"], "M. Pierre-Yves Garnier"],
    [["aéroport de Roissy–Charles-", "de-Gaulle."], "aéroport de Roissy–Charles-de-Gaulle."],
    [["la filière santé-", "nutrition"], "la filière santé-nutrition"],
    [["le présent accord-", "cadre et"], "le présent accord-cadre et"],
    [["les vice-", "présidents"], "les vice-présidents"],
    [["la période 2020-", "2026"], "la période 2020-2026"],
    [["une aide dont le mon\u00ad", "tant"], "une aide dont le montant"],
    [["deux lignes", "ordinaires"], "deux lignes ordinaires"],
  ])("%j → %s", (lines, text) => {
    expect(joinLines(lines, vocab)).toBe(text);
  });
});
