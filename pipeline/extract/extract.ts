/**
 * The extraction rules on pages of positioned text, wherever the text came from (PDF text layer or
 * OCR): PageText[] → ExtractionResult. Pure and synchronous.
 */
import type { Diagnostic, ExtractionResult, ExtractOptions, PageText, RejectionCode } from "../types.ts";
import { extractCommitments } from "./commitments.ts";
import { buildDocument } from "./document.ts";
import { extractMetadata } from "./metadata.ts";
import { REGION } from "./partners.ts";
import { buildBlocks } from "./structure.ts";
import { letterCount } from "./text.ts";

export interface PagesOptions extends ExtractOptions {
  /** Title from the PDF information dictionary, used only when no title is printed on the cover. */
  infoTitle?: string | null;
}

/** Fewer letters than this on a page: nothing to read there (a scan, a blank page). */
const MIN_PAGE_LETTERS = 20;

export function reject(
  code: RejectionCode,
  message: string,
  opts: ExtractOptions,
  page?: number,
  warnings: Diagnostic[] = [],
): ExtractionResult {
  const error: Diagnostic = { stage: "extract", code, message, document: opts.fileName };
  if (page !== undefined) error.page = page;
  return { ok: false, code, error, warnings };
}

export function extractFromPages(pages: PageText[], opts: PagesOptions): ExtractionResult {
  if (pages.length > opts.maxPages) {
    return reject("too-many-pages", `${pages.length} pages, more than the limit of ${opts.maxPages}`, opts);
  }
  const letters = pages.map((p) => letterCount(p.items.map((i) => i.str).join("")));
  const blank = letters.filter((n) => n < MIN_PAGE_LETTERS).length;
  const total = letters.reduce((a, b) => a + b, 0);
  if (pages.length === 0 || total < 80 || blank > pages.length / 2) {
    return reject(
      "no-text",
      `no text layer: ${blank} of ${pages.length} pages carry no text (image-only scan?); OCR is needed`,
      opts,
    );
  }
  const warnings: Diagnostic[] = [];
  letters.forEach((n, i) => {
    if (n < MIN_PAGE_LETTERS) {
      warnings.push({
        stage: "extract",
        code: "page-no-text",
        message: "page without a text layer (scanned?): its content is not read",
        document: opts.fileName,
        page: pages[i]?.page ?? i + 1,
      });
    }
  });

  const doc = buildDocument(pages);
  const blocks = buildBlocks(doc);
  const meta = extractMetadata(doc, blocks, opts.infoTitle ?? null);
  const engagements = extractCommitments(blocks, {
    axes: meta.axes,
    partnerAliases: meta.partnerAliases,
    vocab: doc.vocab,
  });
  const articles = blocks.filter((b) => b.kind === "heading" && b.type === "article").length;

  if (!meta.titre && !(articles >= 3 && engagements.length > 0)) {
    return reject(
      "not-an-agreement",
      "not an agreement: no agreement title on the cover and no articles with commitments",
      opts,
      undefined,
      warnings,
    );
  }
  for (const w of meta.warnings) warnings.push({ ...w, document: opts.fileName });
  if (engagements.length === 0) {
    warnings.push({
      stage: "extract",
      code: "no-commitments",
      message: "no commitment found in the text",
      document: opts.fileName,
    });
  }
  return {
    ok: true,
    warnings,
    agreement: {
      titre: meta.titre ?? "",
      type_accord: meta.type_accord ?? "accord-cadre",
      nom_region: REGION.nom,
      siren_region: REGION.siren,
      nom_partenaire: meta.nom_partenaire ?? "",
      siren_partenaire: meta.siren_partenaire,
      nature_partenaire: meta.nature_partenaire,
      date_signature: meta.date_signature,
      lieu_signature: meta.lieu_signature,
      date_debut: meta.date_debut,
      date_fin: meta.date_fin,
      duree_mois: meta.duree_mois,
      axes: meta.axes,
      nombre_pages: pages.length,
      engagements,
    },
  };
}
