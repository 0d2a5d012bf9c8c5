import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSiteInput } from "./load.ts";
import { SiteError } from "./model.ts";
import { GENERATOR } from "./pages/layout.ts";
import { renderSite } from "./render.ts";

const ASSETS_DIR = fileURLToPath(new URL("./assets/", import.meta.url));

export interface BuildOptions {
  datasetsDir: string;
  outDir: string;
}

export interface BuildResult {
  datasets: number;
  pages: number;
  /** Files copied as they are: the published data, then the stylesheet and script. */
  copied: number;
}

function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The output folder is replaced as a whole, so it must be neither the datasets nor hold them,
 * and an existing folder must be an earlier build (its home page names this generator).
 */
async function checkOutDir(datasetsDir: string, outDir: string): Promise<void> {
  if (inside(datasetsDir, outDir) || inside(outDir, datasetsDir)) {
    throw new SiteError(`${outDir}: the output folder must be outside the datasets folder and not contain it`);
  }
  const entries = await readdir(outDir).catch(() => [] as string[]);
  if (entries.length === 0) return;
  const home = await readFile(path.join(outDir, "index.html"), "utf8").catch(() => "");
  if (!home.includes(`<meta name="generator" content="${GENERATOR}">`)) {
    throw new SiteError(`${outDir}: not empty and not a site built by this script; refusing to replace it`);
  }
}

async function assetFiles(): Promise<string[]> {
  return (await readdir(ASSETS_DIR)).filter((name) => !name.startsWith(".")).sort();
}

async function put(root: string, relative: string, write: (target: string) => Promise<void>): Promise<void> {
  const target = path.join(root, ...relative.split("/"));
  await mkdir(path.dirname(target), { recursive: true });
  await write(target);
}

/** Builds the site from the datasets folder only, into a sibling temporary folder that then replaces `outDir`. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const datasetsDir = path.resolve(options.datasetsDir);
  const outDir = path.resolve(options.outDir);
  await checkOutDir(datasetsDir, outDir);
  const input = await loadSiteInput(datasetsDir);
  const pages = renderSite(input);
  const published = [...input.sharedFiles, ...input.datasets.flatMap((d) => d.files)].map((f) => f.path);
  const assets = (await assetFiles()).map((name) => `assets/${name}`);
  const seen = new Set<string>();
  for (const file of [...pages.map((p) => p.path), ...published, ...assets]) {
    if (seen.has(file)) throw new SiteError(`${file}: a published file and a page of the site would share this path`);
    seen.add(file);
  }
  const staging = `${outDir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const page of pages) await put(staging, page.path, (target) => writeFile(target, page.html));
    for (const file of published) await put(staging, file, (target) => copyFile(path.join(datasetsDir, file), target));
    for (const file of assets)
      await put(staging, file, (target) => copyFile(path.join(ASSETS_DIR, file.slice(7)), target));
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { datasets: input.datasets.length, pages: pages.length, copied: published.length + assets.length };
}
