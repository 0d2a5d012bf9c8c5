import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PipelineError } from "../errors.ts";
import type { Diagnostic, Discovery, DocumentRef, SourceConfig } from "../types.ts";
import { quoteName, sanitizeFileName, uniqueFileNames } from "./filename.ts";
import { parsePackagePage } from "./page.ts";

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
export { type ParsedPackagePage, parsePackagePage } from "./page.ts";

export interface DiscoverDeps {
  /** Fetches a page (redirects followed); `url` is where the body came from. */
  fetchPage(url: string): Promise<{ url: string; body: string }>;
  allowedHosts: ReadonlySet<string>;
}

/** The documents of one source: the PDFs linked from a package page, or the PDFs of a folder. */
export async function discover(source: SourceConfig, deps: DiscoverDeps): Promise<Discovery> {
  if (source.kind === "directory") return discoverDirectory(source.path);
  const { url, body } = await deps.fetchPage(source.url);
  const { page, documents, warnings } = parsePackagePage(body, url, deps.allowedHosts);
  return { source: source.url, page, documents, warnings };
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
