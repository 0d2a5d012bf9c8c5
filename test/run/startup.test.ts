import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startSiteServer } from "../helpers/site-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Packages a run only needs when it has documents to read, a dataset to build, or GitHub to talk to. */
const LOADED_ON_DEMAND = [
  "pdfjs-dist",
  "tesseract.js",
  "@napi-rs/canvas",
  "@octokit/rest",
  "csv-stringify",
  "n3",
  "jsonld",
  "rdf-validate-shacl",
  "parse5",
];

/** The packages of `node_modules` the command line loads with these arguments, as ES modules or CommonJS. */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--import", "./test/helpers/loaded-modules.mjs", "scripts/run.ts", ...args],
    { cwd: root },
  );
  const loaded = stderr.split("\n").filter((l) => l.startsWith("loaded "));
  expect(loaded.some((l) => l.includes("/pipeline/run/index.ts"))).toBe(true);
  return new Set(loaded.flatMap((l) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(l)?.[1] ?? []));
}

describe("start-up", () => {
  it("the command line loads no PDF, OCR, build or GitHub module before it needs one", async () => {
    const loaded = await packagesLoaded(["--help"]);
    for (const pkg of LOADED_ON_DEMAND) expect(loaded).not.toContain(pkg);
  });

  it("a run that finds nothing changed loads neither the HTML parser nor the schema compiler", async () => {
    const site = await startSiteServer({ root: path.join(root, "test/fixtures/site") });
    const work = await mkdtemp(path.join(tmpdir(), "startup-"));
    try {
      const config = JSON.parse(await readFile(path.join(root, "pipeline.config.json"), "utf8"));
      await writeFile(path.join(work, "pipeline.config.json"), JSON.stringify({ ...config, output: "out" }));
      const args = ["--config", path.join(work, "pipeline.config.json"), "--no-ocr", "--quiet"];
      args.push("--source", site.url("/download/accord-cadres-signes/"));
      await packagesLoaded(args);

      const loaded = await packagesLoaded(args);

      for (const pkg of [...LOADED_ON_DEMAND, "cheerio", "ajv", "@embedpdf/pdfium"]) expect(loaded).not.toContain(pkg);
    } finally {
      await site.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});
