import { describe, expect, it } from "vitest";
import { parseAmount } from "../../pipeline/extract/amounts.ts";
import { parseFrenchDate, parseSignature, parseValidity, startsAtSignature } from "../../pipeline/extract/dates.ts";
import { parseFrenchNumberWords } from "../../pipeline/extract/text.ts";

describe("numbers in words", () => {
  it.each([
    ["quatre cent mille", 400_000],
    ["cent cinquante mille", 150_000],
    ["deux cent cinquante mille", 250_000],
    ["trois cents", 300],
    ["mille cinq cents", 1_500],
    ["un million deux cent mille", 1_200_000],
    ["deux mille vingt-deux", 2_022],
    ["quatre-vingt-dix", 90],
    ["soixante et onze", 71],
  ])("%s → %d", (words, n) => {
    expect(parseFrenchNumberWords(words)).toBe(n);
  });

  it.each([
    ["à financer à hauteur de quatre cent mille euros", 400_000],
    ["une enveloppe de deux millions d’euros", 2_000_000],
    ["un million deux cent mille euros", 1_200_000],
  ])("amount in words: %s → %d", (text, n) => {
    expect(parseAmount(text)).toBe(n);
  });

  it("a number of inhabitants is no amount", () => {
    expect(parseAmount("un bassin de deux millions d’habitants")).toBeNull();
  });
});

describe("dates", () => {
  it.each([
    ["le 1er/03/2022", "2022-03-01"],
    ["le premier mars deux mille vingt-deux", "2022-03-01"],
    ["Premier juillet 2021", "2021-07-01"],
    ["1er juillet 2021", "2021-07-01"],
  ])("%s → %s", (text, date) => {
    expect(parseFrenchDate(text)).toBe(date);
  });

  it.each([
    ["Fait à Dunkerque, le 1er/03/2022", "Dunkerque", "2022-03-01"],
    [
      "Fait à Valenciennes, le premier mars deux mille vingt-deux, en deux exemplaires originaux.",
      "Valenciennes",
      "2022-03-01",
    ],
  ])("signature line %s", (line, place, date) => {
    expect(parseSignature(line)).toEqual({ place, date });
  });
});

describe("validity", () => {
  it.each([
    "La présente convention produit ses effets jusqu’au terme de l’année\n2028.",
    "Le présent accord s’applique jusqu'à la fin de l'année 2028.",
    "Il est conclu jusqu'au 31 décembre 2028.",
  ])("ends on the last day of 2028: %s", (text) => {
    expect(parseValidity(text).end).toBe("2028-12-31");
  });

  it.each([
    "Le présent accord est conclu pour une durée de soixante mois à compter de sa signature.",
    "Le présent pacte est conclu à compter de sa signature et jusqu’au terme de l’année 2028.",
    "Il est conclu pour cinq ans à compter de la date de sa signature.",
    "La présente convention prend effet à la date de sa signature.",
  ])("starts at signature: %s", (text) => {
    expect(startsAtSignature(text)).toBe(true);
  });

  it.each([
    "Le présent accord est conclu pour cinq ans à compter du 3 mai 2022.",
    "La subvention est versée après signature.",
  ])("does not start at signature: %s", (text) => {
    expect(startsAtSignature(text)).toBe(false);
  });
});
