import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { barChart } from "../../site/charts.ts";
import { amountsByAxis, engagementsPerAccord, engagementsPerPorteur } from "../../site/stats.ts";
import { HOSTILE, sampleDataset } from "./sample.ts";

function chart(bars: { label: string; value: number; valueText: string }[]) {
  return cheerio.load(
    barChart({ id: "essai", title: "Essai <1>", labelHeader: "Quoi", valueHeader: "Combien", bars }).value,
    null,
    false,
  );
}

describe("bar charts as static SVG", () => {
  const $ = chart([
    { label: "Amiens", value: 20, valueText: "20 engagements" },
    { label: "Dunkerque & <co>", value: 10, valueText: "10 engagements" },
    { label: "Aucun", value: 0, valueText: "aucun montant" },
  ]);

  it("is an image with a title and a description a screen reader can read", () => {
    const svg = $("svg");
    expect(svg.attr("role")).toBe("img");
    expect(svg.attr("aria-labelledby")).toBe("essai-titre essai-desc");
    expect($("#essai-titre").text()).toBe("Essai <1>");
    expect($("#essai-desc").text()).toBe(
      "Amiens : 20 engagements ; Dunkerque & <co> : 10 engagements ; Aucun : aucun montant",
    );
  });

  it("draws bars proportional to the values, none for zero, and writes each value", () => {
    const widths = $("rect.chart-bar")
      .map((_, r) => Number($(r).attr("width")))
      .get();
    expect(widths).toEqual([550, 275]);
    expect(
      $("text.chart-value")
        .map((_, t) => $(t).text())
        .get(),
    ).toEqual(["20 engagements", "10 engagements", "aucun montant"]);
  });

  it("gives the same figures as a table", () => {
    expect($("table caption").text()).toBe("Essai <1>");
    expect(
      $("tbody tr")
        .map((_, tr) => $(tr).text())
        .get(),
    ).toEqual(["Amiens20 engagements", "Dunkerque & <co>10 engagements", "Aucunaucun montant"]);
  });

  it("shortens long labels in the drawing only", () => {
    const long = "x".repeat(120);
    const page = chart([{ label: long, value: 1, valueText: "1" }]);
    expect(page("text.chart-label").text()).toBe(`${"x".repeat(87)}…`);
    expect(page("tbody th").text()).toBe(long);
  });
});

describe("chart figures", () => {
  const dataset = sampleDataset();

  it("count commitments per agreement and per porteur", () => {
    expect(engagementsPerAccord(dataset)).toEqual([
      { label: HOSTILE.partner, value: 2, valueText: "2\u00a0engagements" },
    ]);
    expect(engagementsPerPorteur(dataset).map((b) => [b.label, b.value])).toEqual([
      ["Région", 1],
      ["Partenaire", 0],
      ["Conjoint (les deux parties)", 1],
    ]);
  });

  it("sum the stated amounts per axis, and say when an axis states none", () => {
    expect(amountsByAxis(dataset)).toEqual([
      {
        label: `${HOSTILE.partner} — Axe 1 : ${HOSTILE.axis}`,
        value: 1_234_567.5,
        valueText: "1\u202f234\u202f567,50\u00a0€",
      },
      { label: `${HOSTILE.partner} — Hors axe`, value: 0, valueText: "aucun montant" },
    ]);
  });
});
