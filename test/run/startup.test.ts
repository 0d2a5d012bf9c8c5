import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

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

describe("start-up", () => {
  it("the command line loads no PDF, OCR, build or GitHub module before it needs one", async () => {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--import", "./test/helpers/loaded-modules.mjs", "scripts/run.ts", "--help"],
      { cwd: root },
    );
    const loaded = stderr.split("\n").filter((l) => l.startsWith("loaded "));
    expect(loaded.some((l) => l.includes("/pipeline/run/index.ts"))).toBe(true);
    for (const pkg of LOADED_ON_DEMAND) {
      expect(loaded.filter((l) => l.includes(`/node_modules/${pkg}/`))).toEqual([]);
    }
  });
});
