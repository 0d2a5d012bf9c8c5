/**
 * Prints what the extract stage reads in each PDF given on the command line, as JSON.
 *   tsx scripts/extract.ts FILE.pdf... [--max-pages N] [--ocr]
 * With --ocr, pages without a usable text layer are OCR'd with the settings of pipeline.config.json.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../pipeline/config/index.ts";
import { extractAgreement } from "../pipeline/extract/index.ts";

const USAGE = "usage: tsx scripts/extract.ts FILE.pdf... [--max-pages N] [--ocr]\n";

let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals: files } = parsed;
const maxPages = Number(values["max-pages"]);
if (files.length === 0 || !(maxPages > 0)) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const ocr = values.ocr
  ? { ...(await loadConfig("pipeline.config.json")).ocr, enabled: true, cacheDir: null }
  : undefined;
const results = [];
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  results.push({ file, result: await extractAgreement(bytes, { fileName: path.basename(file), maxPages, ocr }) });
}
process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0]?.result : results, null, 2)}\n`);

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { "max-pages": { type: "string", default: "200" }, ocr: { type: "boolean", default: false } },
  });
}
