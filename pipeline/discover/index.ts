import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PipelineError } from "../errors.ts";
import type { Diagnostic, Discovery, DocumentRef, FetchedPage, SourceConfig, Validators } from "../types.ts";
import { quoteName, sanitizeFileName, uniqueFileNames } from "./filename.ts";
import type { DiscoveryMemory, RememberedPage } from "./memory.ts";

export { parseDisplayDate } from "./dates.ts";
export {
  decodePercent,
  fallbackFileName,
  quoteName,
  type SanitisedName,
  sanitizeFileName,
  uniqueFileNames,
} from "./filename.ts";
export { isHostAllowed } from "./hosts.ts";
export { type DiscoveryMemory, discoveryMemory } from "./memory.ts";

export interface DiscoverDeps {
  /** Fetches a page, redirects followed; "not-modified" only in answer to `known` validators. */
  fetchPage(url: string, known?: Validators): Promise<FetchedPage | "not-modified">;
  allowedHosts: ReadonlySet<string>;
  /** What earlier runs found on each page: reused while the page answers 304. */
  memory?: DiscoveryMemory;
}

/** The documents of one source: the PDFs linked from a package page, or the PDFs of a folder. */
export async function discover(source: SourceConfig, deps: DiscoverDeps): Promise<Discovery> {
  if (source.kind === "directory") return discoverDirectory(source.path);
  const remembered = (await deps.memory?.recall(source.url, deps.allowedHosts)) ?? null;
  const fetched = await deps.fetchPage(source.url, remembered?.validators);
  if (fetched === "not-modified") return (remembered as RememberedPage).discovery;
  // Loaded on demand: a run whose page did not change never loads the HTML parser.
  const { parsePackagePage } = await import("./page.ts");
  const { page, documents, warnings } = parsePackagePage(fetched.body, fetched.url, deps.allowedHosts);
  const discovery: Discovery = { source: source.url, page, documents, warnings };
  await deps.memory?.keep(source.url, deps.allowedHosts, { validators: fetched.validators, discovery });
  return discovery;
}

/** Regular files named `*.pdf` (any case), sorted by name; sub-folders and links are not followed. */
async function discoverDirectory(dir: string): Promise<Discovery> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new PipelineError(
      { stage: "discover", code: "source-unreadable", message: `cannot list ${dir}: ${reason}`, document: dir },
      { cause },
    );
  }
  const files = entries
    .filter((e) => e.isFile() && /\.pdf$/i.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const warnings: Diagnostic[] = [];
  const sanitised = files.map((f) => sanitizeFileName(f).name);
  const names = uniqueFileNames(sanitised);
  const documents = files.map((file, i): DocumentRef => {
    const fileName = names[i] as string;
    if (fileName !== file)
      warnings.push({
        stage: "discover",
        code: "file-name-sanitised",
        message: `${quoteName(file)} named "${fileName}"`,
        document: fileName,
      });
    return { url: pathToFileURL(path.join(dir, file)).href, fileName, page: null };
  });
  if (documents.length === 0)
    warnings.push({ stage: "discover", code: "no-files", message: `no PDF file in ${dir}`, document: dir });
  return { source: dir, page: null, documents, warnings };
}
