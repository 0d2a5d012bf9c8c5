import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteError } from "../../site/model.ts";
import { buildSite } from "../../site/site.ts";

const FIXTURES = path.resolve("test/fixtures/datasets");
const SLUG = "accords-cadres-poles-regionaux";

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "accords-site-build-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function filesUnder(root: string, dir = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const files = await Promise.all(
    entries.map((e) => {
      const relative = dir ? `${dir}/${e.name}` : e.name;
      return e.isDirectory() ? filesUnder(root, relative) : Promise.resolve([relative]);
    }),
  );
  return files.flat().sort();
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  return (await readFile(a)).equals(await readFile(b));
}

/** A copy of the fixture datasets that a test may change. */
async function datasetsCopy(name: string): Promise<string> {
  const dir = path.join(work, name);
  await cp(FIXTURES, dir, { recursive: true });
  return dir;
}

describe("building the site from the fixture datasets", () => {
  let out: string;

  beforeAll(async () => {
    out = path.join(work, "site");
    expect(await buildSite({ datasetsDir: FIXTURES, outDir: out })).toEqual({ datasets: 1, pages: 5, copied: 16 });
  });

  it("writes the pages, the assets and a copy of every published file", async () => {
    const published = await filesUnder(FIXTURES);
    expect(await filesUnder(out)).toEqual(
      [
        ...published,
        "index.html",
        "engagements.html",
        `${SLUG}/accord-cadre-region-amiens-metropole.html`,
        `${SLUG}/accord-cadre-region-cu-dunkerque.html`,
        `${SLUG}/accord-cadre-region-mel.html`,
        "assets/explorer.js",
        "assets/favicon.svg",
        "assets/style.css",
      ].sort(),
    );
    for (const file of published) {
      expect(await sameBytes(path.join(out, file), path.join(FIXTURES, file)), file).toBe(true);
    }
  });

  it("has no broken relative link nor missing script, stylesheet or icon", async () => {
    const pages = (await filesUnder(out)).filter((f) => f.endsWith(".html"));
    const broken: string[] = [];
    for (const page of pages) {
      const $ = cheerio.load(await readFile(path.join(out, page), "utf8"));
      const targets = $("a[href], link[href], script[src]")
        .map((_, el) => $(el).attr("href") ?? $(el).attr("src"))
        .get()
        .filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith("#"));
      for (const target of targets) {
        const file = path.join(out, path.dirname(page), decodeURIComponent(target.replace(/[#?].*$/, "")));
        if (!existsSync(file)) broken.push(`${page} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("gives the same bytes when built again from the same datasets", async () => {
    const again = path.join(work, "site-again");
    await buildSite({ datasetsDir: FIXTURES, outDir: again });
    const files = await filesUnder(out);
    expect(await filesUnder(again)).toEqual(files);
    for (const file of files) {
      expect(await sameBytes(path.join(again, file), path.join(out, file)), file).toBe(true);
    }
  });

  it("replaces an earlier build as a whole", async () => {
    await writeFile(path.join(out, "stale.html"), "old");
    await buildSite({ datasetsDir: FIXTURES, outDir: out });
    expect(existsSync(path.join(out, "stale.html"))).toBe(false);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
  });
});

describe("what the site takes from the datasets folder", () => {
  it("leaves out the run report, dot files and temporary files", async () => {
    const datasets = await datasetsCopy("with-extras");
    await writeFile(path.join(datasets, "run-report.json"), "{}");
    await mkdir(path.join(datasets, ".staging"));
    await writeFile(path.join(datasets, ".staging", "x"), "x");
    await writeFile(path.join(datasets, SLUG, "accords.csv.tmp"), "x");
    const out = path.join(work, "site-extras");
    await buildSite({ datasetsDir: datasets, outDir: out });
    const files = await filesUnder(out);
    expect(files).not.toContain("run-report.json");
    expect(files.filter((f) => f.includes(".staging") || f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses records that break the schemas, naming the dataset, document and field", async () => {
    const datasets = await datasetsCopy("invalid");
    const file = path.join(datasets, SLUG, "engagements.json");
    const engagements = JSON.parse(await readFile(file, "utf8"));
    engagements[0].porteur = "personne";
    await writeFile(file, JSON.stringify(engagements));
    const build = buildSite({ datasetsDir: datasets, outDir: path.join(work, "site-invalid") });
    await expect(build).rejects.toThrow(SiteError);
    await expect(build).rejects.toThrow(
      /accords-cadres-poles-regionaux: .*\n.*Accord-cadre-Region-Amiens-Metropole\.pdf p\.3 porteur/,
    );
  });

  it("names the missing file of an incomplete dataset", async () => {
    const datasets = await datasetsCopy("incomplete");
    await rm(path.join(datasets, SLUG, "datapackage.json"));
    await expect(buildSite({ datasetsDir: datasets, outDir: path.join(work, "site-incomplete") })).rejects.toThrow(
      `${SLUG}/datapackage.json: missing`,
    );
  });

  it("builds a home page that says nothing is published from an empty folder", async () => {
    const datasets = path.join(work, "empty");
    await mkdir(datasets);
    const out = path.join(work, "site-empty");
    expect(await buildSite({ datasetsDir: datasets, outDir: out })).toEqual({ datasets: 0, pages: 2, copied: 3 });
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain("Aucun jeu de données n'est encore publié.");
  });
});

describe("the output folder", () => {
  it("is never a folder that is not an earlier build", async () => {
    const out = path.join(work, "precious");
    await mkdir(out);
    await writeFile(path.join(out, "notes.txt"), "keep me");
    await expect(buildSite({ datasetsDir: FIXTURES, outDir: out })).rejects.toThrow(/refusing to replace it/);
    expect(await readFile(path.join(out, "notes.txt"), "utf8")).toBe("keep me");
  });

  it("is never inside the datasets folder, nor holds it", async () => {
    const datasets = await datasetsCopy("nested");
    await expect(buildSite({ datasetsDir: datasets, outDir: path.join(datasets, "site") })).rejects.toThrow(
      /outside the datasets folder/,
    );
    await expect(buildSite({ datasetsDir: datasets, outDir: work })).rejects.toThrow(/outside the datasets folder/);
  });
});

describe("npm run site", () => {
  it("builds from --datasets into --out", async () => {
    const out = path.join(work, "site-cli");
    const args = ["--import", "tsx", "site/build.ts", "--datasets", FIXTURES, "--out", out];
    const { stderr } = await promisify(execFile)(process.execPath, args);
    expect(stderr).toBe(`site: 1 dataset(s), 5 page(s), 16 file(s) copied → ${out}/index.html\n`);
  });
});
