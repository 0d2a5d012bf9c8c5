import { describe, expect, it } from "vitest";
import { parseAmount } from "../../pipeline/extract/amounts.ts";
import { cellAmount, splitSentences, subjectStart } from "../../pipeline/extract/commitments.ts";
import {
  parseDuration,
  parseFrenchDate,
  parseSignature,
  parseValidity,
  startsAtSignature,
} from "../../pipeline/extract/dates.ts";
import { partnerFromTitle, typeFromTitle } from "../../pipeline/extract/metadata.ts";
import { findPartner } from "../../pipeline/extract/partners.ts";
import { porteurOf, thirdPartyOnly } from "../../pipeline/extract/porteur.ts";
import { axisHeading } from "../../pipeline/extract/structure.ts";
import { stripArticle } from "../../pipeline/extract/text.ts";

describe("amounts", () => {
  it.each([
    ["une participation de 2,5 M€ aux investissements", 2_500_000],
    ["à hauteur de 2 millions d'euros", 2_000_000],
    ["pour un montant de 350\u00a0000 €", 350_000],
    ["en mobilisant 1\u202f500\u202f000 € au titre", 1_500_000],
    ["un coût de 12 500 euros HT", 12_500],
    ["une enveloppe de 250 k€", 250_000],
    ["3 000 000 €", 3_000_000],
    ["1.500.000 EUR", 1_500_000],
    ["un million d'euros", 1_000_000],
    ["1.5 M€", 1_500_000],
    ["1 500 k€", 1_500_000],
    ["1,5 million d’euros", 1_500_000],
    ["1 million €", 1_000_000],
  ])("%s → %d", (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each([["au moins 40 000 m² de surfaces"], ["jusqu'à 50 % du coût"], ["–"], ["en 2021"], ["l'article 4"]])(
    "%s is not an amount",
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );
});

describe("dates", () => {
  it.each([
    ["le 17 juillet 2020", "2020-07-17"],
    ["le 1er juillet 2021", "2021-07-01"],
    ["le 1 er septembre 2020", "2020-09-01"],
    ["le 3/03/2021", "2021-03-03"],
    ["le 03.03.2021", "2021-03-03"],
    ["le 9 mars 2020", "2020-03-09"],
    ["le 2 février 2022", "2022-02-02"],
    ["le 15 aout 2019", "2019-08-15"],
    ["le 31 déc. 2026", "2026-12-31"],
    ["1er janvier 2021", "2021-01-01"],
    ["01/01/2021", "2021-01-01"],
    ["1.1.2021", "2021-01-01"],
  ])("%s → %s", (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });

  it("rejects impossible dates", () => {
    expect(parseFrenchDate("le 31/02/2021")).toBeNull();
    expect(parseFrenchDate("avant le 31 mars de chaque année")).toBeNull();
  });

  it.each([
    ["Fait à Lille, le 17 juillet 2020, en deux exemplaires originaux.", "Lille", "2020-07-17"],
    ["Fait en deux exemplaires à Amiens, le 9 mars 2020.", "Amiens", "2020-03-09"],
    ["Fait à Saint-Omer le 3/03/2021", "Saint-Omer", "2021-03-03"],
    ["À Arras, le 1er juillet 2021", "Arras", "2021-07-01"],
    ["Fait à Dunkerque,", "Dunkerque", null],
  ])("signature %s", (text, place, date) => {
    expect(parseSignature(text)).toEqual({ place, date });
  });

  it.each([
    ["Il est conclu pour une durée de six ans.", 72],
    ["soit pour une durée de soixante-quatre (64) mois.", 64],
    ["pour une durée de 3 ans", 36],
    ["Il est conclu pour une période de trente-six mois.", 36],
    ["d'une durée de quatre-vingt-dix mois", 90],
    ["moyennant un préavis de six mois", null],
    ["au plus tard dix-huit mois après sa signature", null],
  ])("duration %s → %s", (text, months) => {
    expect(parseDuration(text)).toBe(months);
  });

  it.each([
    ["Le présent accord-cadre s'applique du 1er avril 2020 au 31 décembre 2026.", "2020-04-01", "2026-12-31"],
    ["Il prend effet le 1er septembre 2020. Il est conclu jusqu'au 31 décembre 2025.", "2020-09-01", "2025-12-31"],
    ["Il s'applique à compter du 1er janvier 2021.", "2021-01-01", null],
    ["Le présent accord est conclu pour la période 2021-2026.", "2021-01-01", "2026-12-31"],
    ["Il prend effet à compter de sa notification.", null, null],
  ])("validity %s", (text, start, end) => {
    expect(parseValidity(text)).toEqual({ start, end });
  });

  it.each([
    ["Le présent accord prend effet à la date de sa signature et s’achève le 31 décembre 2026.", true],
    ["Il entre en vigueur dès sa signature.", true],
    ["Il prend effet à compter de sa notification.", false],
    ["au plus tard dix-huit mois après sa signature", false],
  ])("starts at the signature: %s → %s", (text, yes) => {
    expect(startsAtSignature(text)).toBe(yes);
  });
});

describe("porteur", () => {
  const aliases = ["Métropole européenne de Lille", "Métropole", "MEL"];
  it.each([
    ["La Région", "region"],
    ["En raison du caractère expérimental, la Région", "region"],
    ["La Métropole", "partenaire"],
    ["La MEL", "partenaire"],
    ["Les parties", "conjoint"],
    ["La Région et la Métropole", "conjoint"],
    ["Région et Amiens Métropole", "conjoint"],
    ["Chacune des parties", "conjoint"],
    ["Amiens Métropole", "partenaire"],
    ["Un comité", null],
  ])("%s → %s", (subject, porteur) => {
    expect(porteurOf(subject, aliases)).toBe(porteur);
  });

  it("does not take a partner named after a region for the Region", () => {
    const arc = ["Agglomération de la Région de Compiègne", "ARC"];
    expect(porteurOf("L'Agglomération de la Région de Compiègne", arc)).toBe("partenaire");
    expect(porteurOf("CA Région de Château-Thierry", [])).toBe("partenaire");
    expect(porteurOf("Région et CC Région d’Audruicq", [])).toBe("conjoint");
    expect(porteurOf("La Région des Hauts-de-France", [])).toBe("region");
  });

  it.each([
    ["CU Arras", "partenaire"],
    ["CA du Boulonnais", "partenaire"],
    ["Région et CC Flandre Lys", "conjoint"],
  ])("reads the abbreviation of an intercommunality: %s → %s", (cell, porteur) => {
    expect(porteurOf(cell, [])).toBe(porteur);
  });

  it.each([
    ["L’État", true],
    ["Le Préfet de région", true],
    ["La Région et l’État", false],
    ["Les signataires du contrat de plan État-Région", false],
    ["Un comité", false],
  ])("%s names only a third party: %s", (subject, yes) => {
    expect(thirdPartyOnly(subject, aliases)).toBe(yes);
  });
});

describe("axis headings", () => {
  it.each([
    ["Axe 2 – Mobilités", "2", "Mobilités"],
    ["Article 4 – Axe 1 : Santé", "1", "Santé"],
    ["Orientation 3 : Préserver l’eau", "3", "Préserver l’eau"],
    ["Priorité II – Rayonner", "II", "Rayonner"],
    ["Objectif stratégique 1 : Former", "1", "Former"],
    ["Ambition 4 – Coopérer", "4", "Coopérer"],
  ])("%s → %s, %s", (text, numero, title) => {
    expect(axisHeading(text)).toMatchObject({ numero, title });
  });

  it("is capitalised, and a word other than « Axe » needs a separator", () => {
    expect(axisHeading("axe 3 du schéma régional.")).toBeNull();
    expect(axisHeading("Priorité 2 des actions inscrites")?.plain).toBe(false);
    expect(axisHeading("Axe 2 Mobilités")?.plain).toBe(true);
  });
});

describe("sentences and subjects", () => {
  it("splits sentences, not abbreviations", () => {
    const text = "Il est représenté par M. Garnier. Les parties s’engagent à se réunir. Vu l’article L. 1111-9.";
    expect(splitSentences(text).map(([a, b]) => text.slice(a, b))).toEqual([
      "Il est représenté par M. Garnier.",
      "Les parties s’engagent à se réunir.",
      "Vu l’article L. 1111-9.",
    ]);
  });

  it("starts a committing sentence at the clause that names the party", () => {
    const before = "En raison du caractère expérimental de l’accord, la Région ";
    expect(before.slice(subjectStart(before, []))).toBe("la Région ");
    const whole = "La Région et la Métropole, dans le cadre de leurs compétences, ";
    expect(subjectStart(whole, ["Métropole"])).toBe(0);
  });
});

describe("table cells", () => {
  it.each([
    ["1,8 M€", "Montant", 1_800_000],
    ["–", "Montant", null],
    ["2 200", "Montant (k€)", 2_200_000],
    ["400 000", "Montant (€)", 400_000],
  ])("%s under « %s » → %s", (cell, header, value) => {
    expect(cellAmount(cell, header)).toBe(value);
  });
});

describe("title and partner", () => {
  it("reads the type and the partner from the title", () => {
    const title =
      "Accord-cadre de partenariat territorial entre la Région Hauts-de-France et la Communauté urbaine de Dunkerque";
    expect(typeFromTitle(title)).toBe("accord-cadre de partenariat territorial");
    expect(partnerFromTitle(title)).toBe("Communauté urbaine de Dunkerque");
    expect(partnerFromTitle("Convention entre Amiens Métropole et la Région Hauts-de-France")).toBe("Amiens Métropole");
  });

  it("drops a leading article only as a whole word", () => {
    expect(["les Parties", "la CUA", "l’Agglomération", "Lens-Liévin", "Lannoy", "Leforest"].map(stripArticle)).toEqual(
      ["Parties", "CUA", "Agglomération", "Lens-Liévin", "Lannoy", "Leforest"],
    );
  });

  it("finds a partner of the reference table by any of its names, never by a guess", () => {
    expect(findPartner("la MEL")?.siren).toBe("200093201");
    expect(findPartner("Métropole Européenne de Lille (MEL)")?.siren).toBe("200093201");
    expect(findPartner("Communauté de communes du Pays de Lumbres")).toBeNull();
  });
});
