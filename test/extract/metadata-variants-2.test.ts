/**
 * Agreement metadata as more French framework agreements print it: the parties set apart from the name of the
 * agreement on the cover, signature blocks side by side each with its own date (and place), a partner named by
 * "ci-après désignée", "ci-après", "dite" or an acronym in brackets.
 */
import { describe, expect, it } from "vitest";
import { datedMentions } from "../../pipeline/extract/dates.ts";
import { buildDocument } from "../../pipeline/extract/document.ts";
import { extractFromPages } from "../../pipeline/extract/index.ts";
import { extractMetadata } from "../../pipeline/extract/metadata.ts";
import { buildBlocks } from "../../pipeline/extract/structure.ts";
import type { ExtractedAgreement } from "../../pipeline/types.ts";
import { layout, type Para } from "./synthetic.ts";

/** A partner that is in no reference table: only the document says what it is called. */
const PARTNER = "Communauté de communes des Trois Rivières";
const PARTIES_TITLE = `entre la Région Hauts-de-France et la ${PARTNER}`;

const REGION_PARTY: Para = {
  text: "La Région Hauts-de-France, représentée par son Président, ci-après désignée « la Région »,",
};
const COMMITMENTS: Para[] = [
  { text: "Article 1 – Engagements", size: 13, font: "bold", gap: 14 },
  { text: "La Région s'engage à soutenir les projets du territoire à hauteur de 2 millions d'euros." },
  { text: "La CCTR s'engage à :" },
  { bullet: "–", text: "créer une maison de services au public ;", x: 85 },
  { bullet: "–", text: "aménager une voie verte le long de la Lys." },
];

/** A one-page agreement: `cover`, the parties (the partner presented by `partnerParty`), then `tail`. */
function agreement(cover: Para[], partnerParty: string, tail: Para[] = COMMITMENTS): ExtractedAgreement {
  const paras: Para[] = [
    ...cover,
    { text: "Entre les soussignés", size: 13, font: "bold", gap: 30 },
    REGION_PARTY,
    { text: "et" },
    { text: partnerParty },
    ...tail,
  ];
  const result = extractFromPages(layout(paras), { fileName: "variante.pdf", maxPages: 10 });
  if (!result.ok) throw new Error(result.error.message);
  return result.agreement;
}

const TITLE: Para = { text: "ACCORD-CADRE DE PARTENARIAT TERRITORIAL", size: 20, font: "title", gap: 100 };
const SIMPLE_COVER: Para[] = [TITLE, { text: PARTIES_TITLE, size: 14, font: "title", gap: 4 }];
const SIMPLE_PARTY = `La ${PARTNER}, représentée par sa Présidente, ci-après désignée « la CCTR »,`;

describe("the title on the cover", () => {
  it("joins the parties set about a blank line below the name of the agreement", () => {
    const a = agreement([TITLE, { text: PARTIES_TITLE, size: 14, font: "title", gap: 14 }], SIMPLE_PARTY);
    expect(a.titre).toBe(`Accord-cadre de partenariat territorial ${PARTIES_TITLE}`);
    expect(a.type_accord).toBe("accord-cadre de partenariat territorial");
  });

  it("joins « entre … » and « et … » on lines of their own, and stops before the acronym and the years", () => {
    const cover: Para[] = [
      { text: "ACCORD-CADRE DE PARTENARIAT", size: 20, font: "title", gap: 100 },
      { text: "TERRITORIAL", size: 20, font: "title", gap: 0 },
      { text: "entre la Région Hauts-de-France", size: 15, font: "title", gap: 14 },
      { text: `et la ${PARTNER}`, size: 15, font: "title", gap: 1 },
      { text: "(CCTR)", size: 13, font: "title", gap: 10 },
      { text: "2024 – 2027", size: 14, font: "title", gap: 30 },
    ];
    expect(agreement(cover, SIMPLE_PARTY).titre).toBe(`Accord-cadre de partenariat territorial ${PARTIES_TITLE}`);
  });

  it("leaves out a subtitle as far below that names no party", () => {
    const cover: Para[] = [TITLE, { text: "Programme d'actions 2024-2027", size: 14, font: "title", gap: 14 }];
    expect(agreement(cover, SIMPLE_PARTY).titre).toBe("Accord-cadre de partenariat territorial");
  });
});

describe("dates in signature blocks", () => {
  it.each([
    ["Le 12 septembre 2023", [{ place: null, date: "2023-09-12" }]],
    [
      "Pour la Région À Lille, le 12 septembre 2023 Pour la Communauté À Wallers, le 3 octobre 2023",
      [
        { place: "Lille", date: "2023-09-12" },
        { place: "Wallers", date: "2023-10-03" },
      ],
    ],
    [
      "représentée à cet effet À Villeneuve d'Ascq, le lundi 6 mars 2023",
      [{ place: "Villeneuve d'Ascq", date: "2023-03-06" }],
    ],
    ["Le Président, Le 03/10/2023", [{ place: null, date: "2023-10-03" }]],
    ["A Lille le 3 octobre 2023", [{ place: "Lille", date: "2023-10-03" }]],
  ])("%s → %j", (text, mentions) => {
    expect(datedMentions(text)).toEqual(mentions);
  });
});

describe("the signature date and place", () => {
  const signed = (...closing: string[]) =>
    agreement(SIMPLE_COVER, SIMPLE_PARTY, [...COMMITMENTS, ...closing.map((text) => ({ text }))]);

  it("takes the date under each party's signature and the place of « Fait à … »", () => {
    const a = signed(
      "Fait à Merville, en deux exemplaires originaux.",
      // Two signature blocks side by side, as the column reader gives them: one paragraph.
      "Pour la Région Hauts-de-France, Pour la Communauté de communes Le Président du Conseil régional, des Trois Rivières, la Présidente, Le 12 septembre 2023 Le 12 septembre 2023",
    );
    expect(a).toMatchObject({ date_signature: "2023-09-12", lieu_signature: "Merville" });
  });

  it("is the date of the last signature, without a place when the parties signed in different places", () => {
    const a = signed(
      "Fait en deux exemplaires originaux.",
      "Pour la Région Hauts-de-France Pour la Communauté de communes À Lille, le 12 septembre 2023 des Trois Rivières Le Président du Conseil régional À Wallers, le 3 octobre 2023 La Présidente",
    );
    expect(a).toMatchObject({ date_signature: "2023-10-03", lieu_signature: null });
  });

  it("keeps the place all the signature blocks agree on", () => {
    const a = signed(
      "À Lille, le 12 septembre 2023",
      "Pour la Région Hauts-de-France, Le Président du Conseil régional",
      "À Lille, le 3 octobre 2023",
      "Pour la Communauté de communes des Trois Rivières, La Présidente",
    );
    expect(a).toMatchObject({ date_signature: "2023-10-03", lieu_signature: "Lille" });
  });

  it("reads the dates that follow a « Signé » line", () => {
    const a = signed(
      "Signé en deux exemplaires originaux.",
      "Pour la Région Hauts-de-France Pour la Communauté de communes des Trois Rivières Le 2 octobre 2023 Le 3 octobre 2023",
    );
    expect(a).toMatchObject({ date_signature: "2023-10-03", lieu_signature: null });
  });

  it("takes no date of the last article's text for the signature", () => {
    const a = agreement(SIMPLE_COVER, SIMPLE_PARTY, [
      ...COMMITMENTS,
      { text: "Article 2 – Durée", size: 13, font: "bold", gap: 14 },
      { text: "Le présent accord entre en vigueur le 1er janvier 2024 pour une durée de trois ans." },
      { text: "Fait à Merville, le 3 octobre 2023" },
      { text: "Pour la Région Hauts-de-France, Pour la Communauté de communes des Trois Rivières," },
    ]);
    expect(a).toMatchObject({ date_signature: "2023-10-03", lieu_signature: "Merville", date_debut: "2024-01-01" });
  });
});

describe("the names given to the partner", () => {
  it.each([
    `La ${PARTNER}, représentée par sa Présidente, ci-après désignée « la CCTR »,`,
    `La ${PARTNER}, représentée par sa Présidente, ci-après appelée « la CCTR »,`,
    `La ${PARTNER}, représentée par sa Présidente, ci-après « la CCTR »,`,
    `La ${PARTNER}, dite « la CCTR », représentée par sa Présidente,`,
    `La ${PARTNER} (CCTR), représentée par sa Présidente,`,
  ])("%s: « La CCTR s'engage à : » gives the partner's commitments", (party) => {
    const a = agreement(SIMPLE_COVER, party);
    expect(a.engagements.map((e) => [e.texte.slice(0, 20), e.porteur])).toEqual([
      ["La Région s'engage à", "region"],
      ["créer une maison de ", "partenaire"],
      ["aménager une voie ve", "partenaire"],
    ]);
  });

  /** The names the metadata learns for the partner presented by `party`. */
  const aliasesOf = (party: string): string[] => {
    const doc = buildDocument(layout([...SIMPLE_COVER, REGION_PARTY, { text: "et" }, { text: party }, ...COMMITMENTS]));
    return extractMetadata(doc, buildBlocks(doc), null).partnerAliases;
  };

  it("takes no registration number or aside in brackets for an acronym", () => {
    const aliases = aliasesOf(
      `La ${PARTNER} (SIREN 200 000 017) (ci-après « la CCTR »), représentée par sa Présidente, (SIRET) (EPCI à fiscalité propre),`,
    );
    expect(aliases).toContain("CCTR");
    expect(aliases.filter((a) => /SIRE|ci-apr|EPCI/iu.test(a))).toEqual([]);
  });

  it("takes no name given to the agreement or to the parties together", () => {
    const aliases = aliasesOf(
      `La ${PARTNER}, ci-après « la CCTR », ci-après dénommées ensemble « les Parties », conviennent du présent accord, ci-après « l'Accord »,`,
    );
    expect(aliases).toContain("CCTR");
    expect(aliases.filter((a) => /parties|accord/iu.test(a))).toEqual([]);
  });
});
