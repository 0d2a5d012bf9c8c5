/**
 * The no-change target of the default dataset: the command line with the project's own
 * pipeline.config.json, against the copy of the Region's page in test/fixtures/site (3 PDFs), once
 * to fill the cache, then several times with nothing changed.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startSiteServer } from "../test/helpers/site-server.ts";
import { measureNode } from "./measure.ts";

const PAGE = "/download/accord-cadres-signes/";

export interface DefaultDatasetFigures {
  /** Wall time of each no-change run, in the order they ran. */
  wallMs: number[];
  /** Exit codes of the no-change runs (0 when nothing changed). */
  codes: (number | null)[];
}

export async function measureDefaultDataset(root: string, runs: number): Promise<DefaultDatasetFigures> {
  const site = await startSiteServer({ root: path.join(root, "test/fixtures/site") });
  const work = await mkdtemp(path.join(os.tmpdir(), "accords-bench-default-"));
  try {
    const config = JSON.parse(await readFile(path.join(root, "pipeline.config.json"), "utf8"));
    const configFile = path.join(work, "pipeline.config.json");
    await writeFile(configFile, JSON.stringify({ ...config, output: "out", cacheDir: "cache" }));
    const cli = ["--import", "tsx", "scripts/run.ts", "--config", configFile, "--source", site.url(PAGE), "--quiet"];
    await measureNode(cli, root);
    const figures: DefaultDatasetFigures = { wallMs: [], codes: [] };
    for (let i = 0; i < runs; i++) {
      const run = await measureNode(cli, root);
      figures.wallMs.push(run.wallMs);
      figures.codes.push(run.code);
    }
    return figures;
  } finally {
    await site.close();
    await rm(work, { recursive: true, force: true });
  }
}
