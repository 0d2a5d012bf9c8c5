/**
 * The partner of the Region: official name, nature and SIREN from the reference table
 * (reference/partners.json, each row citing where its SIREN was checked). Nothing is guessed: a name
 * the table does not know keeps no SIREN.
 */
import reference from "./reference/partners.json" with { type: "json" };
import { fold, stripArticle } from "./text.ts";

export interface PartnerRef {
  nom: string;
  nature: string;
  siren: string;
  variants: string[];
  source: string;
}

export const REGION = { nom: reference.region.nom, siren: reference.region.siren };
const PARTNERS: readonly PartnerRef[] = reference.partners;

const key = (s: string): string =>
  fold(stripArticle(s))
    .replace(/[«»"]/g, "")
    .replace(/\s*'\s*/g, "'")
    .replace(/[\s.,;:]+$/, "")
    .trim();

const index = new Map<string, PartnerRef>();
for (const p of PARTNERS) for (const name of [p.nom, ...p.variants]) index.set(key(name), p);

/** The reference row for a name as printed ("la Métropole européenne de Lille", "la MEL"), or null. */
export function findPartner(...names: (string | null | undefined)[]): PartnerRef | null {
  for (const n of names) {
    if (!n) continue;
    // "Métropole européenne de Lille (MEL)": the name, then the acronym in brackets.
    const inBrackets = /\(([^)]+)\)/.exec(n)?.[1];
    for (const candidate of [n, n.replace(/\s*\([^)]*\)/g, ""), inBrackets]) {
      const hit = candidate ? index.get(key(candidate)) : undefined;
      if (hit) return hit;
    }
  }
  return null;
}

const NATURES: [RegExp, string][] = [
  [/^metropole\b/, "métropole"],
  [/^communaute urbaine\b/, "communauté urbaine"],
  [/^(?:communaute d'agglomeration|agglomeration)\b/, "communauté d'agglomération"],
  [/^communaute de communes\b/, "communauté de communes"],
  [/^pole metropolitain\b/, "pôle métropolitain"],
  // A syndicate of any kind (mixte, intercommunal, départemental d'énergie…) is none of the contract's EPCI natures.
  [/^(?:pole d'equilibre territorial et rural|petr|syndicat|pays|parc naturel)\b/, "autre"],
];

/** Nature named at the start of a phrase ("communauté d'agglomération, SIREN …"), or null. */
export function natureFromText(s: string): string | null {
  const t = key(s);
  return NATURES.find(([re]) => re.test(t))?.[1] ?? null;
}

const SIREN_RE = /\b(?:SIREN|SIRET)\s*(?:n°\s*)?:?\s*(\d(?:[\s\u00a0\u202f]?\d){8,13})/giu;

/** 9-digit SIRENs printed in a text (a SIRET gives its first nine digits), in order. */
export function printedSirens(text: string): { siren: string; index: number }[] {
  return [...text.matchAll(SIREN_RE)].map((m) => ({
    siren: (m[1] as string).replace(/\D/g, "").slice(0, 9),
    index: m.index ?? 0,
  }));
}
