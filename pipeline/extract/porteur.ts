/**
 * Who carries a commitment, from the subject of "s'engage(nt)", a list lead-in or a "Porteur" cell:
 * the Region, the partner, or both ("les parties", "la Région et la Métropole").
 */
import type { Porteur } from "../types.ts";
import { fold } from "./text.ts";

const BOTH =
  /\b(?:les|des|aux) (?:deux )?parties\b|\bles signataires\b|\bchacune des parties\b|\bchaque partie\b|\bles deux (?:collectivites|partenaires|signataires)\b|\bconjointement\b|\bconjoint\b|\bcommun(?:e|s)?\b|\bensemble\b|\btous (?:deux|les deux)\b|\bparties\b/;
const REGION = /\bregion\b|\bconseil regional\b|\bhdf\b/;
const PARTNER_WORDS =
  /\b(?:metropole|communaute|agglomeration|agglo|pole|epci|intercommunalite|syndicat|petr|pays|territoire|collectivite|partenaire|ville)\b/;

/**
 * `aliases` are the names the document gives the partner ("Métropole européenne de Lille", "MEL",
 * "Communauté urbaine"); they are removed before looking for the Region, since a partner may be
 * called "Agglomération de la Région de Compiègne".
 */
export function porteurOf(subject: string, aliases: string[]): Porteur | null {
  let s = ` ${fold(subject)} `;
  let partner = false;
  for (const a of aliases
    .map(fold)
    .filter((a) => a.length >= 2)
    .sort((x, y) => y.length - x.length)) {
    const re = new RegExp(`(?<![\\p{L}])${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "gu");
    if (re.test(s)) {
      partner = true;
      s = s.replace(re, " ");
    }
  }
  const region = REGION.test(s);
  partner ||= PARTNER_WORDS.test(s);
  if (BOTH.test(s) || (region && partner)) return "conjoint";
  if (region) return "region";
  if (partner) return "partenaire";
  return null;
}
