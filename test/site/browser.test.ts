import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../site/site.ts";
import type { SiteServer } from "../helpers/site-server.ts";
import { startSiteServer } from "../helpers/site-server.ts";
import { hasChromium, launchChromium } from "./browser.ts";

const FIXTURES = path.resolve("test/fixtures/datasets");
const ARTIFACTS = path.resolve("test-results/site");
const SLUG = "accords-cadres-poles-regionaux";
const AGREEMENT = `/${SLUG}/accord-cadre-region-cu-dunkerque.html`;

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** Runs in the page, where axe-core was injected (a string: the tests are not compiled with the DOM types). */
const AXE_RUN = `axe.run(document, { resultTypes: ["violations"] }).then((results) =>
  results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) })))`;

/** The site as a reuser gets it: built from the fixture datasets, served over HTTP, in headless Chromium. */
describe.skipIf(!hasChromium)("the site in Chromium", () => {
  let work: string;
  let server: SiteServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "accords-site-browser-"));
    await buildSite({ datasetsDir: FIXTURES, outDir: path.join(work, "site") });
    server = await startSiteServer({ root: path.join(work, "site") });
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    // axe-core goes in as an inline script, which the site's Content-Security-Policy forbids.
    context = await browser.newContext({ bypassCSP: true, locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("console", (m) => (m.type() === "error" ? problems.push(`console: ${m.text()}`) : undefined));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => (r.url().startsWith(server.origin) ? undefined : problems.push(`request: ${r.url()}`)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("home: lists the fixture dataset with its update date, counts and downloads", async () => {
    await page.goto(server.url("/index.html"));
    const dataset = page.locator("section.dataset");
    await expect(dataset.locator("h2").textContent()).resolves.toBe(
      "Accords-cadres de partenariat territorial entre la Région Hauts-de-France et les pôles régionaux",
    );
    await expect(dataset.locator(".updated").textContent()).resolves.toBe("Mis à jour le 26\u00a0novembre 2026");
    await expect(dataset.getByRole("link", { name: "Métropole européenne de Lille" }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, "home.png"), fullPage: true });
  });

  it("home: every download link resolves to the published file", async () => {
    await page.goto(server.url("/index.html"));
    const links = await page.locator("table.downloads a").all();
    expect(links).toHaveLength(12);
    for (const link of links) {
      const href = new URL((await link.getAttribute("href")) ?? "", page.url()).href;
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    const csv = await page.request.get(server.url(`/${SLUG}/engagements.csv`));
    expect(await csv.body()).toEqual(await readFile(path.join(FIXTURES, SLUG, "engagements.csv")));
  });

  it("agreement page: shows every commitment with a link to its page of the PDF", async () => {
    await page.goto(server.url("/index.html"));
    await page.getByRole("link", { name: "Communauté urbaine de Dunkerque" }).first().click();
    await page.waitForURL(`**${AGREEMENT}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Communauté urbaine de Dunkerque");
    await expect(page.locator("main table tbody tr").count()).resolves.toBe(25);
    const first = page.locator("main table tbody tr").first();
    const pdf = await first.locator("td.page a").getAttribute("href");
    expect(pdf).toBe("documents/Accord-cadre-Region-CU-Dunkerque.pdf#page=3");
    const response = await page.request.get(new URL(pdf ?? "", page.url()).href);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    await page.screenshot({ path: path.join(ARTIFACTS, "agreement.png") });
  });

  it("explorer: a search narrows the results, and the URL keeps it for sharing", async () => {
    await page.goto(server.url("/engagements.html"));
    const status = page.locator("#resultats");
    await expect(status.textContent()).resolves.toBe("65 engagements");
    await page.getByLabel("Rechercher dans les engagements").pressSequentially("gare");
    await expect.poll(() => status.textContent()).toBe("4 engagements sur 65");
    await expect(page.locator("#engagements tbody tr:visible").count()).resolves.toBe(4);
    expect(new URL(page.url()).search).toBe("?q=gare");

    await page.getByLabel("Porteur").selectOption("region");
    await expect.poll(() => status.textContent()).toBe("1 engagement sur 65");
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer.png") });

    await page.reload();
    await expect(page.getByLabel("Rechercher dans les engagements").inputValue()).resolves.toBe("gare");
    await expect(status.textContent()).resolves.toBe("1 engagement sur 65");
  });

  it("explorer: filters by agreement, axis and amount, and accents do not matter", async () => {
    await page.goto(server.url("/engagements.html?accord=accord-cadre-region-mel&montant=avec"));
    const status = page.locator("#resultats");
    await expect(status.textContent()).resolves.toBe("5 engagements sur 65");
    await page.getByLabel("Axe").selectOption("accord-cadre-region-mel:2");
    await expect.poll(() => status.textContent()).toBe("2 engagements sur 65");
    await page.getByRole("button", { name: "Effacer" }).click();
    await expect.poll(() => status.textContent()).toBe("65 engagements");
    expect(new URL(page.url()).search).toBe("");
    await page.getByLabel("Rechercher dans les engagements").fill("REGION METROPOLITAINE");
    await expect.poll(() => status.textContent()).not.toBe("65 engagements");
    await page.getByLabel("Rechercher dans les engagements").fill("zzz introuvable");
    await expect(page.locator("#aucun-resultat").isVisible()).resolves.toBe(true);
  });

  it("keyboard: the first Tab reaches the skip link, which leads to the content", async () => {
    await page.goto(server.url("/index.html"));
    await page.keyboard.press("Tab");
    await expect(page.evaluate("document.activeElement.textContent")).resolves.toBe("Aller au contenu");
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#contenu");
  });

  it("axe-core finds no serious or critical accessibility violation", async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    for (const url of ["/index.html", AGREEMENT, "/engagements.html?q=gare"]) {
      await page.goto(server.url(url));
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate<Violation[]>(AXE_RUN);
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
      expect(serious, url).toEqual([]);
    }
  });

  it("without JavaScript, the explorer lists every commitment and hides the filters", async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(server.url("/engagements.html?q=gare"));
    await expect(plain.locator("#engagements tbody tr:visible").count()).resolves.toBe(65);
    await expect(plain.locator("#filtres").isVisible()).resolves.toBe(false);
    await expect(plain.locator("noscript .notice").textContent()).resolves.toMatch(/^Sans JavaScript, la recherche/);
    await expect(plain.locator("noscript .notice").isVisible()).resolves.toBe(true);
    await noScript.close();
  });

  it("loads nothing from elsewhere and logs no error", () => {
    expect(problems).toEqual([]);
  });
});
