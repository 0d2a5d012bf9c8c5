import type { AccordRecord } from "../../pipeline/types.ts";
import { isWebUrl, sitePath } from "../html.ts";
import type { Dataset } from "../model.ts";
import { hasFile } from "../model.ts";

/** Where the page that holds a link stands: at the site root, or in the dataset's folder (agreement pages). */
export type From = "root" | "dataset";

/**
 * The agreement's PDF, at a page when given: the copy published in `documents/` when the dataset
 * holds it, else the original download address, else nothing to link to.
 */
export function documentHref(dataset: Dataset, accord: AccordRecord, from: From, page?: number): string | null {
  const anchor = page === undefined ? "" : `#page=${page}`;
  if (hasFile(dataset, `documents/${accord.nom_fichier}`)) {
    const local = sitePath("documents", accord.nom_fichier);
    return `${from === "root" ? `${sitePath(dataset.slug)}/` : ""}${local}${anchor}`;
  }
  return isWebUrl(accord.url_document) ? `${accord.url_document.replace(/#.*$/, "")}${anchor}` : null;
}

/** The agreement's page, from a page at the site root. */
export function accordHref(dataset: Dataset, accord: AccordRecord): string {
  return sitePath(dataset.slug, `${accord.id_accord}.html`);
}
