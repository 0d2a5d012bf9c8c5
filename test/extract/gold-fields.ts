import type { ExtractedCommitment } from "../../pipeline/types.ts";

/** The commitment fields a gold file annotates, for comparing extraction with gold. */
export const goldFields = (
  e: Pick<ExtractedCommitment, "numero_axe" | "numero_engagement" | "porteur" | "texte" | "montant_euros" | "page">,
) => ({
  numero_axe: e.numero_axe,
  numero_engagement: e.numero_engagement,
  porteur: e.porteur,
  texte: e.texte,
  montant_euros: e.montant_euros,
  page: e.page,
});
