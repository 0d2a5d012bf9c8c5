import { describe, expect, it } from "vitest";
import { cleanOcrText, fixNumbers } from "../../../pipeline/extract/ocr/cleanup.ts";

const clean = (s: string) => cleanOcrText(s);
const lineStart = (s: string) => cleanOcrText(s, { lineStart: true });

describe("cleanOcrText", () => {
  it("expands ligatures", () => {
    expect(clean("ﬁnancer les ﬂux, l’eﬀort eﬃcace")).toBe("financer les flux, l’effort efficace");
  });

  it("prints apostrophes as ’ and closes the space OCR leaves after an elision", () => {
    expect(clean("l'agglomération d`Amiens aujourd'hui")).toBe("l’agglomération d’Amiens aujourd’hui");
    expect(clean("d' Europe et qu' elle")).toBe("d’Europe et qu’elle");
  });

  it("prints double quotes as « » with their spaces", () => {
    expect(clean("ci-après dénommée «la Région»,")).toBe("ci-après dénommée « la Région »,");
    expect(clean('dénommée "la Région" et <<test>>')).toBe("dénommée « la Région » et « test »");
  });

  it("spaces € from an amount and from the next word", () => {
    expect(clean("à hauteur de 250 000€, puis 3 000€pour")).toBe("à hauteur de 250 000 €, puis 3 000 € pour");
    expect(clean("une enveloppe de 4 M€ consacrée")).toBe("une enveloppe de 4 M€ consacrée");
  });

  it("reads € where OCR saw E or £ after an amount", () => {
    expect(clean("une enveloppe de 4 ME consacrée")).toBe("une enveloppe de 4 M€ consacrée");
    expect(clean("un soutien de 250 000 E pour")).toBe("un soutien de 250 000 € pour");
    expect(clean("l’annexe E du document")).toBe("l’annexe E du document");
  });

  it("makes dashes between words en dashes, and list dashes and bullets at the start of a line", () => {
    expect(clean("Article 4 - Axe 1 : Renforcer")).toBe("Article 4 – Axe 1 : Renforcer");
    expect(clean("Article 10 —- Durée")).toBe("Article 10 – Durée");
    expect(lineStart("— soutenir l’implantation")).toBe("– soutenir l’implantation");
    expect(lineStart("* l’accessibilité ferroviaire")).toBe("• l’accessibilité ferroviaire");
    expect(clean("Saint-Pol-sur-Mer, 2020-2026")).toBe("Saint-Pol-sur-Mer, 2020-2026");
  });

  it("drops table rules read as |", () => {
    expect(clean("1 |Soutenir la création |Région 1,8 M€|")).toBe("1 Soutenir la création Région 1,8 M€");
  });

  it("collapses spaces and trims", () => {
    expect(clean("  Fait à   Lille,\tle 17 juillet 2020  ")).toBe("Fait à Lille, le 17 juillet 2020");
  });

  it("never changes words", () => {
    const prose = "Le présent accord-cadre définit les objectifs partagés par la Région et la Communauté urbaine.";
    expect(clean(prose)).toBe(prose);
    expect(clean("Il Lille SOS Oise Soissons")).toBe("Il Lille SOS Oise Soissons");
  });
});

describe("fixNumbers", () => {
  it("reads digits in a run that holds a digit", () => {
    expect(fixNumbers("le l7 juillet 2O2O")).toBe("le 17 juillet 2020");
    expect(fixNumbers("délibération n° 2O193O12, période 2O2O-2O26")).toBe(
      "délibération n° 20193012, période 2020-2026",
    );
    expect(fixNumbers("article L. l111-9")).toBe("article L. 1111-9");
  });

  it("reads the day before a month name", () => {
    expect(fixNumbers("Fait à Lille, le lO mars 2020")).toBe("Fait à Lille, le 10 mars 2020");
    expect(fixNumbers("le 1er mai")).toBe("le 1er mai");
  });

  it("reads the thousands groups of an amount in euros, and restores a dropped separator", () => {
    expect(fixNumbers("un montant de 3 OOO OOO € et 1 2OO,5O euros")).toBe(
      "un montant de 3 000 000 € et 1 200,50 euros",
    );
    expect(fixNumbers("un soutien de 2000 000 € aux")).toBe("un soutien de 2 000 000 € aux");
  });

  it("leaves letters alone outside numbers", () => {
    expect(fixNumbers("Soutenir le SOL, l’Oise et 1er")).toBe("Soutenir le SOL, l’Oise et 1er");
    expect(fixNumbers("en 2020 000 habitants")).toBe("en 2020 000 habitants");
  });
});
