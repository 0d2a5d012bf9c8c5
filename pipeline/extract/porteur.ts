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

/** Abbreviations of intercommunalities in narrow cells and short subjects: "CA du Boulonnais", "Région et CU Arras". */
const ABBREVIATIONS: [RegExp, string][] = [
  [/(?<![\p{L}])CA(?![\p{L}])/gu, "communauté d'agglomération"],
  [/(?<![\p{L}])CU(?![\p{L}])/gu, "communauté urbaine"],
  [/(?<![\p{L}])CC(?![\p{L}])/gu, "communauté de communes"],
];

/**
 * Names where "région" is not the Region: a territory named after a region ("CA Région de
 * Château-Thierry", "CC Région d'Audruicq"), the State's prefect ("le préfet de région").
 */
const PLACE_REGION =
  /(?<![\p{L}])[Rr][ée]gion\s+(?:de\s+la\s+|de\s+l['’]|de\s+|d['’]|du\s+|des\s+)(?!Hauts)\p{Lu}[\p{L}'’-]*/gu;
const PREFECT = /(?<![\p{L}])(pr[ée]f[eè]te?)\s+de\s+(?:la\s+)?r[ée]gion(?:\s+Hauts-de-France)?/giu;

/**
 * Bodies that often sign up to a territorial agreement's actions without being a party: the State and
 * its prefect ("L'État", never "contrat de plan État-Région"), its agencies and public banks, the
 * Département, chambers, the European Union.
 */
const THIRD_PARTY = new RegExp(
  `(?<![\\p{L}-])(?:${[
    "[ÉE]tat|[ÉE]TAT|[Pp]r[ée]f[eè]te?|PR[ÉE]F[EÈ]TE?",
    "ADEME|Ademe|Banque des [Tt]erritoires|Caisse des [Dd][ée]p[ôo]ts|CDC|Bpifrance|BPI",
    "Agence (?:de l['’]eau|nationale|r[ée]gionale de sant[ée])|ANRU|ANCT|ANAH|Anah|ARS",
    "[ÉE]tablissement public foncier|EPF|[Dd][ée]partement|[Cc]onseil d[ée]partemental",
    "Union europ[ée]enne|SNCF|France Travail|P[ôo]le emploi|CCI|Chambre (?:de commerce|d['’]agriculture|de m[ée]tiers)",
  ].join("|")})(?![\\p{L}-])`,
  "u",
);

/**
 * True when a subject names a third party and neither of the parties ("L'ADEME s'engage à …"): what a
 * third party undertakes is not a commitment of the agreement's parties.
 */
export function thirdPartyOnly(subject: string, aliases: string[]): boolean {
  return THIRD_PARTY.test(subject) && porteurOf(subject, aliases) === null;
}

/** Folded aliases, longest first, each with a pattern finding it as whole words. */
const aliasPatterns = new WeakMap<readonly string[], RegExp[]>();

/**
 * The same list of aliases is asked about for every sentence of a document: its patterns are built once
 * per list (lists of aliases are never changed once made).
 */
function patternsOf(aliases: readonly string[]): RegExp[] {
  let patterns = aliasPatterns.get(aliases);
  if (!patterns) {
    patterns = aliases
      .map(fold)
      .filter((a) => a.length >= 2)
      .sort((x, y) => y.length - x.length)
      .map((a) => new RegExp(`(?<![\\p{L}])${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "gu"));
    aliasPatterns.set(aliases, patterns);
  }
  return patterns;
}

/**
 * `aliases` are the names the document gives the partner ("Métropole européenne de Lille", "MEL",
 * "Communauté urbaine"); they are removed before looking for the Region, since a partner may be
 * called "Agglomération de la Région de Compiègne".
 */
export function porteurOf(subject: string, aliases: string[]): Porteur | null {
  const named = ABBREVIATIONS.reduce((t, [re, full]) => t.replace(re, full), subject)
    .replace(PLACE_REGION, (m) => m.replace(/^\S+/, "territoire"))
    .replace(PREFECT, "$1");
  let s = ` ${fold(named)} `;
  let partner = false;
  for (const re of patternsOf(aliases)) {
    // Every match becomes one space, shorter than an alias: the text changes exactly when the alias is there.
    const rest = s.replace(re, " ");
    if (rest !== s) {
      partner = true;
      s = rest;
    }
  }
  const region = REGION.test(s);
  partner ||= PARTNER_WORDS.test(s);
  if (BOTH.test(s) || (region && partner)) return "conjoint";
  if (region) return "region";
  if (partner) return "partenaire";
  return null;
}
