import { describe, expect, it } from "vitest";
import { count, formatBytes, formatDate, formatEuros, formatNumber } from "../../site/format.ts";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("French number formatting", () => {
  it("groups thousands with a narrow no-break space and uses a decimal comma", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1000)).toBe(`1${NNBSP}000`);
    expect(formatNumber(1_234_567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatNumber(70.495, 1)).toBe("70,5");
    expect(formatNumber(-12_345)).toBe(`-12${NNBSP}345`);
  });

  it("writes amounts in euros, with cents only when there are some", () => {
    expect(formatEuros(1_800_000)).toBe(`1${NNBSP}800${NNBSP}000${NBSP}€`);
    expect(formatEuros(1_234.5)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatEuros(0)).toBe(`0${NBSP}€`);
    expect(formatEuros(99.999)).toBe(`100${NBSP}€`);
  });

  it("agrees the counted noun, 0 and 1 in the singular", () => {
    expect(count(0, "engagement")).toBe(`0${NBSP}engagement`);
    expect(count(1, "accord")).toBe(`1${NBSP}accord`);
    expect(count(1200, "engagement")).toBe(`1${NNBSP}200${NBSP}engagements`);
    expect(count(72, "mois", "mois")).toBe(`72${NBSP}mois`);
  });

  it("writes sizes in SI units", () => {
    expect(formatBytes(1)).toBe(`1${NBSP}octet`);
    expect(formatBytes(812)).toBe(`812${NBSP}octets`);
    expect(formatBytes(70_495)).toBe(`70,5${NBSP}ko`);
    expect(formatBytes(1_250_000)).toBe(`1,3${NBSP}Mo`);
  });
});

describe("French dates", () => {
  it("spells the month and writes the first of the month as 1er", () => {
    expect(formatDate("2026-11-26")).toBe(`26${NBSP}novembre 2026`);
    expect(formatDate("2020-04-01")).toBe(`1er${NBSP}avril 2020`);
    expect(formatDate("2020-08-15T00:00:00Z")).toBe(`15${NBSP}août 2020`);
  });

  it("returns what it cannot read unchanged", () => {
    expect(formatDate("bientôt")).toBe("bientôt");
    expect(formatDate("2020-13-01")).toBe("2020-13-01");
  });
});
