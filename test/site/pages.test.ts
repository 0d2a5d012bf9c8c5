import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { escapeHtml, html, isWebUrl, sitePath, trusted } from "../../site/html.ts";
import { axisGroups } from "../../site/model.ts";
import { agreementPage } from "../../site/pages/agreement.ts";
import { explorerPage } from "../../site/pages/explorer.ts";
import { homePage } from "../../site/pages/home.ts";
import { renderSite } from "../../site/render.ts";
import { HOSTILE, sampleAccord, sampleDataset, sampleEngagement, sampleInput } from "./sample.ts";

describe("html templates", () => {
  it("escape every interpolated text, in content and in attributes", () => {
    const text = `<a href="x">'&'</a>`;
    expect(escapeHtml(text)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(html`<p title="${text}">${text}</p>`.value).toBe(`<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`);
  });

  it("keep nested templates and trusted markup as they are, and drop null, undefined and false", () => {
    const inner = html`<b>${"&"}</b>`;
    expect(html`${[inner, 2, null, undefined, false]}${trusted("&nbsp;")}`.value).toBe("<b>&amp;</b>2&nbsp;");
  });

  it("only turn web addresses into links, and percent-encode file names in paths", () => {
    expect(isWebUrl("https://example.org/a")).toBe(true);
    expect(isWebUrl("javascript:alert(1)")).toBe(false);
    expect(isWebUrl("documents/a.pdf")).toBe(false);
    expect(sitePath("jeu", "documents", "Accord #1 & <b>.pdf")).toBe("jeu/documents/Accord%20%231%20%26%20%3Cb%3E.pdf");
  });
});

describe("pages built from data holding <, & and quotes", () => {
  const input = sampleInput();
  const pages = renderSite(input);

  it("never let the data become markup: every text reads back exactly as in the data", () => {
    expect(pages.map((p) => p.path)).toEqual(["index.html", "engagements.html", "jeu-test/accord-test.html"]);
    for (const page of pages) {
      expect(page.html).not.toContain("<script>alert");
      expect(page.html).not.toContain("<b>tout</b>");
      expect(page.html).not.toMatch(/href="javascript:/);
      const $ = cheerio.load(page.html);
      expect($("html").attr("lang")).toBe("fr");
      expect($("script:not([src])")).toHaveLength(0);
    }
    const $ = cheerio.load(pages[2]?.html ?? "");
    expect($("h1").text()).toBe(sampleAccord().titre);
    expect($("td.texte").first().text()).toBe(HOSTILE.text);
    expect($("h3").first().text()).toBe(`Axe 1 : ${HOSTILE.axis}`);
  });

  it("escape attribute values taken from the data", () => {
    const $ = cheerio.load(explorerPage(input));
    expect($("#f-axe optgroup").attr("label")).toBe(HOSTILE.partner);
    expect($("#f-accord option").eq(1).text()).toBe(HOSTILE.partner);
  });

  it("show a source page that is not a web address as text, not as a link", () => {
    const $ = cheerio.load(agreementPage(input.datasets[0] ?? sampleDataset(), sampleAccord()));
    const source = $("dt:contains('Page source') + dd");
    expect(source.text()).toContain("javascript:alert(1)");
    expect(source.find("a")).toHaveLength(0);
  });
});

describe("the home page", () => {
  const $ = cheerio.load(homePage(sampleInput()));

  it("presents each dataset: title, update date, description, source, counts", () => {
    const section = $("section.dataset");
    expect(section.find("h2").text()).toBe("Jeu <test> & co");
    expect(section.find(".updated").text()).toBe("Mis à jour le 1er\u00a0novembre 2026");
    expect(section.find(".updated time").attr("datetime")).toBe("2026-11-01");
    expect(section.text()).toContain(`Des "accords" & des <engagements>`);
    expect(section.find("dt:contains('Source') + dd a").attr("href")).toBe("https://example.org/download/?a=1&b=2");
    expect(section.find("dt:contains('Contenu') + dd").text()).toBe(
      "1\u00a0accord, 2\u00a0engagements dont 1 avec un montant",
    );
  });

  it("links the files the dataset holds, relative to the site root, and the catalog", () => {
    const hrefs = $("table.downloads a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(hrefs).toEqual(["jeu-test/accords.csv", "catalog.jsonld"]);
  });

  it("links each agreement's page and its PDF", () => {
    const row = $("section.dataset table").eq(1).find("tbody tr").first();
    expect(row.find("th a").attr("href")).toBe("jeu-test/accord-test.html");
    expect(row.find("td a").attr("href")).toBe("jeu-test/documents/Accord%20%231%20%26%20%3Cb%3E.pdf");
  });

  it("says so when nothing is published yet", () => {
    const empty = cheerio.load(homePage({ datasets: [], sharedFiles: [] }));
    expect(empty("main").text()).toContain("Aucun jeu de données n'est encore publié.");
  });
});

describe("an agreement page", () => {
  const dataset = sampleDataset();
  const $ = cheerio.load(agreementPage(dataset, sampleAccord()));

  it("lists every commitment under its axis, with porteur, amount in French and a link to its page of the PDF", () => {
    const rows = $("table tbody tr");
    expect(rows).toHaveLength(2);
    const first = rows.first();
    expect(first.attr("id")).toBe("accord-test-001");
    expect(first.find("td").eq(2).text()).toBe("Région");
    expect(first.find("td.number").text()).toBe("1\u202f234\u202f567,50\u00a0€");
    expect(first.find("td.page a").attr("href")).toBe("documents/Accord%20%231%20%26%20%3Cb%3E.pdf#page=2");
    expect($("h3").eq(1).text()).toBe("Hors axe");
    expect(rows.eq(1).find("td.number").text()).toBe("—non indiqué");
  });

  it("falls back to the original address when the dataset does not hold the PDF", () => {
    const page = cheerio.load(agreementPage(sampleDataset({ files: [] }), sampleAccord()));
    expect(page("td.page a").first().attr("href")).toBe("https://example.org/files/accord.pdf#page=2");
  });

  it("shows the metadata: partner, signature, validity, document", () => {
    expect($("dt:contains('Signature') + dd").text()).toBe("le 1er\u00a0juillet 2020 à Lille");
    expect($("dt:contains('Validité') + dd").text()).toBe("durée : 72\u00a0mois");
    expect($("dt:contains('Document signé') + dd").text()).toContain("SHA-256");
  });
});

describe("axis groups", () => {
  it("follow the document's axes, then axes only the commitments name, then those outside any axis", () => {
    const accord = sampleAccord({
      axes: [
        { numero: "2", intitule: "Deux" },
        { numero: "1", intitule: "Un" },
      ],
    });
    const groups = axisGroups(accord, [
      sampleEngagement(1, { numero_axe: null, intitule_axe: null }),
      sampleEngagement(2, { numero_axe: "10", intitule_axe: "Dix" }),
      sampleEngagement(3, { numero_axe: "1", intitule_axe: "Un" }),
      sampleEngagement(4, { numero_axe: "3", intitule_axe: "Trois" }),
    ]);
    expect(groups.map((g) => [g.numero, g.engagements.length])).toEqual([
      ["2", 0],
      ["1", 1],
      ["3", 1],
      ["10", 1],
      [null, 1],
    ]);
  });
});

describe("the explorer", () => {
  const $ = cheerio.load(explorerPage(sampleInput()));

  it("lists every commitment without JavaScript, with what the filters need", () => {
    const rows = $("#engagements tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows.first().data()).toEqual({
      accord: "accord-test",
      axe: "accord-test:1",
      porteur: "region",
      montant: "avec",
    });
    expect(rows.eq(1).data()).toEqual({
      accord: "accord-test",
      axe: "accord-test:",
      porteur: "conjoint",
      montant: "sans",
    });
    expect(rows.first().find("a").first().attr("href")).toBe("jeu-test/accord-test.html#accord-test-001");
    expect($("#resultats").text()).toBe("2\u00a0engagements");
  });

  it("hides the form until the script shows it, and loads only its own script", () => {
    expect($("#filtres").attr("hidden")).toBeDefined();
    expect($("script").attr("src")).toBe("assets/explorer.js");
    expect(
      $("#f-axe option")
        .map((_, o) => $(o).attr("value"))
        .get(),
    ).toEqual(["", "accord-test:1", "accord-test:"]);
  });

  it("qualifies an agreement by its dataset only when two datasets use the same identifier", () => {
    const other = sampleDataset({ slug: "autre-jeu" });
    const page = cheerio.load(explorerPage(sampleInput([sampleDataset(), other])));
    expect(
      page("#f-accord option")
        .map((_, o) => page(o).attr("value"))
        .get(),
    ).toEqual(["", "jeu-test/accord-test", "autre-jeu/accord-test"]);
  });
});
