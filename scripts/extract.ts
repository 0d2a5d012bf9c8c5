/**
 * Prints the ExtractionResult of each PDF given on the command line, as JSON (one object per file).
 *   tsx scripts/extract.ts FILE.pdf... [--max-pages N]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { extractAgreement } from "../pipeline/extract/index.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--max-pages");
const maxPages = at >= 0 ? Number(args[at + 1]) : 200;
const files = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
if (files.length === 0 || !(maxPages > 0)) {
  process.stderr.write("usage: tsx scripts/extract.ts FILE.pdf... [--max-pages N]\n");
  process.exit(2);
}
const results = [];
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  results.push({ file, result: await extractAgreement(bytes, { fileName: path.basename(file), maxPages }) });
}
process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0]?.result : results, null, 2)}\n`);
