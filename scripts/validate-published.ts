import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { formatDiagnostic } from "../pipeline/errors.ts";
import type { AccordRecord, Diagnostic, EngagementRecord } from "../pipeline/types.ts";
import { validateDataset, validateDocumentRecords } from "../pipeline/validate/index.ts";

/**
 * Re-validates published datasets (CI, on pull requests that touch them): every record against
 * the JSON Schemas and the cross-record rules. Usage: tsx scripts/validate-published.ts [DIR]
 */
async function main(root: string): Promise<number> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  let problems: Diagnostic[] = [];
  let checked = 0;
  for (const entry of entries) {
    const dir = path.join(root, entry.name);
    const accordsFile = path.join(dir, "accords.json");
    if (!entry.isDirectory() || !(await readFile(accordsFile).catch(() => null))) continue;
    const accords = JSON.parse(await readFile(accordsFile, "utf8")) as AccordRecord[];
    const engagements = JSON.parse(await readFile(path.join(dir, "engagements.json"), "utf8")) as EngagementRecord[];
    for (const accord of accords) {
      problems.push(
        ...validateDocumentRecords(
          accord,
          engagements.filter((e) => e.id_accord === accord.id_accord),
        ),
      );
    }
    problems.push(...validateDataset(accords, engagements));
    checked++;
    process.stdout.write(`${entry.name}: ${accords.length} accords, ${engagements.length} engagements\n`);
  }
  problems = problems.filter((p, i) => problems.findIndex((q) => formatDiagnostic(q) === formatDiagnostic(p)) === i);
  for (const p of problems) process.stderr.write(`${formatDiagnostic(p)}\n`);
  process.stdout.write(`${checked} dataset(s) checked, ${problems.length} problem(s)\n`);
  return problems.length ? 1 : 0;
}

main(process.argv[2] ?? "datasets").then((code) => {
  process.exitCode = code;
});
