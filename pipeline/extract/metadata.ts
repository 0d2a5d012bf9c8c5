/**
 * Agreement metadata: printed title and type, partner (name, nature, SIREN), signature date and
 * place, validity period and duration, strategic axes.
 */
import type { Axis, Diagnostic, IsoDate } from "../types.ts";
import {
  datedMentions,
  parseDatedLine,
  parseDuration,
  parseSignature,
  parseSignedLine,
  parseValidity,
  startsAtSignature,
} from "./dates.ts";
import type { DocumentText } from "./document.ts";
import { joinLines } from "./hyphenation.ts";
import type { Line } from "./layout.ts";
import { findPartner, natureFromText, printedSirens, REGION } from "./partners.ts";
import { AXIS_NOUNS, axisHeading, type Block, cleanTitle } from "./structure.ts";
import { cleanSpaces, fold, stripArticle } from "./text.ts";

export interface Metadata {
  titre: string | null;
  type_accord: string | null;
  nom_partenaire: string | null;
  siren_partenaire: string | null;
  nature_partenaire: string | null;
  date_signature: IsoDate | null;
  lieu_signature: string | null;
  date_debut: IsoDate | null;
  date_fin: IsoDate | null;
  duree_mois: number | null;
  axes: Axis[];
  /** Names the document gives the partner (for "who carries this commitment"). */
  partnerAliases: string[];
  warnings: Omit<Diagnostic, "document">[];
}

const AGREEMENT_WORDS = /^(?:accord|convention|contrat|pacte|protocole|charte)\b/iu;

/**
 * Whether `line` goes on naming the parties of a title that does not name them all yet: "entre la Région …",
 * "conclu entre …", then "et la Communauté …".
 */
function continuesParties(title: string, line: string): boolean {
  if (/\bentre\b.+\bet\b/iu.test(title)) return false;
  return /^(?:(?:conclue?|pass[ée]e?)\s+)?entre\s/iu.test(line) || (/\bentre\b/iu.test(title) && /^et\s/iu.test(line));
}

/** The title block of the cover: the first large line naming an agreement, plus the lines that run on. */
function findTitle(doc: DocumentText): string | null {
  const lines = doc.elements.flatMap((e) => (e.kind === "line" ? [e.line] : []));
  const firstPage = lines[0]?.page;
  const cover = lines.filter((l) => l.page === firstPage || l.page === (firstPage ?? 0) + 1);
  // A title is set large; failing that, a line of the first pages naming an agreement "entre … et …".
  let start = cover.findIndex((l) => AGREEMENT_WORDS.test(l.text) && l.size >= doc.bodySize + 2);
  if (start < 0) start = cover.findIndex((l) => AGREEMENT_WORDS.test(l.text) && /\bentre\b/iu.test(l.text));
  if (start < 0) return null;
  const block: Line[] = [cover[start] as Line];
  for (const l of cover.slice(start + 1)) {
    const prev = block[block.length - 1] as Line;
    // The parties may be set apart from the name of the agreement, about a blank line below it.
    const title = block.map((b) => b.text).join(" ");
    const reach = continuesParties(title, l.text) ? 3 : 1.6;
    const close = l.page === prev.page && l.baseline - prev.baseline <= reach * Math.max(prev.size, l.size);
    const sameSize = Math.abs(l.size - (cover[start] as Line).size) < 0.5;
    if (!close || (l.size < doc.bodySize + 1 && !sameSize) || /^[«"“]/u.test(l.text) || /[.:]$/.test(prev.text)) break;
    block.push(l);
  }
  return titleCase(
    joinLines(
      block.map((l) => l.text),
      doc.vocab,
    ),
  );
}

/** An all-capitals start ("ACCORD-CADRE DE PARTENARIAT TERRITORIAL entre …") in sentence case. */
function titleCase(title: string): string {
  const m = /^([^a-zà-ÿ]*?)(\s+(?:entre|de|du|avec|pour)\s.*)?$/u.exec(title);
  const caps = m?.[1] ?? "";
  if (!/\p{Lu}{3}/u.test(caps) || /\p{Ll}/u.test(caps)) return title;
  const lower = caps.toLocaleLowerCase("fr");
  const restored = lower
    .replace(/r[ée]gion hauts-de-france/giu, REGION.nom)
    .replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("fr"));
  return cleanSpaces(restored + (m?.[2] ?? ""));
}

export function typeFromTitle(title: string): string {
  const head = title.split(/\s+(?:entre|conclu|pass[ée])\s+/iu)[0] ?? title;
  const t = cleanSpaces(head.replace(/\s*\d{4}\s*[-–]\s*\d{4}\s*$/u, ""));
  return t.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLocaleLowerCase("fr"));
}

/** "… entre la Région Hauts-de-France et la Métropole européenne de Lille" → the partner as printed. */
export function partnerFromTitle(title: string): string | null {
  const t = cleanSpaces(title);
  const after = /\bentre\s+(?:la\s+)?r[ée]gion\s+hauts[- ]de[- ]france\s+et\s+(.+)$/iu.exec(t);
  if (after) return stripArticle(after[1] as string).replace(/[.;,]+$/, "");
  const before = /\bentre\s+(.+?)\s+et\s+(?:la\s+)?r[ée]gion\s+hauts[- ]de[- ]france\b/iu.exec(t);
  if (before) return stripArticle(before[1] as string);
  // A cover naming the two parties without "entre": "Région Hauts-de-France – Communauté d'agglomération …".
  const paired = /^(?:la\s+)?r[ée]gion\s+hauts[- ]de[- ]france\s+[-–—/]\s+(.{3,120})$/iu.exec(t);
  return paired ? stripArticle(paired[1] as string).replace(/[.;,]+$/, "") : null;
}

/**
 * What introduces a name given to a party: "ci-après dénommée", "ci-après désignée (ensemble)", "ci-après",
 * "dite".
 */
const ALIAS_INTRODUCER =
  /(?<![\p{L}])(?:[cC]i-apr[èe]s\s+(?:d[ée]nomm|d[ée]sign|appel|nomm)[ée]e?s?(?:\s+\p{Ll}+){0,2}|[cC]i-apr[èe]s|[dD]ite?s?)\s*[:,]?\s*(?=«)/gu;
/** Names that designate the agreement or the parties together, never the partner alone. */
const NOT_AN_ALIAS =
  /^(?:l['’]|les?\s+|la\s+)?(?:(?:pr[ée]sente?\s+)?(?:accord|convention|contrat|pacte|protocole|charte)\b|(?:deux\s+)?(?:parties|signataires|partenaires|cocontractants)$|r[ée]gion$)/iu;
/** An acronym in brackets, not a registration number nor a lower-case aside ("(SIREN …)", "(ci-après …)"). */
const ACRONYM = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{N}&-]{1,11})\s*\)/u;
const REGISTRATION = /^(?:SIREN|SIRET|RCS|INSEE|TVA|NAF|APE|CEDEX)$/u;

/**
 * Names given to the partner in the parties clause: « la Métropole », « la MEL » (after "ci-après dénommée",
 * "ci-après désignée", "ci-après", "dite"), an acronym in brackets after its name ("… Flandre Lys (CCFL)"), and
 * the first words of its name.
 */
function definedAliases(text: string, partner: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ALIAS_INTRODUCER)) {
    const quoted = text.slice(m.index + m[0].length, m.index + m[0].length + 120);
    if (/^«\s*(?:la\s+)?r[ée]gion\s*»/iu.test(quoted)) continue;
    // « la CAPH » ou « l'Agglomération »: every name given in the clause.
    const clause = /^(?:«[^»]{2,60}»(?:\s*,?\s*(?:ou|et)\s+)?)+/u.exec(quoted)?.[0] ?? "";
    for (const q of clause.matchAll(/«\s*([^»]{2,60}?)\s*»/gu)) out.push(q[1] as string);
  }
  const name = new RegExp(
    partner
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/['’]/gu, "['’]")
      .replace(/\s+/gu, "\\s+"),
    "giu",
  );
  for (const m of text.matchAll(name)) {
    const acronym = ACRONYM.exec(text.slice(m.index + m[0].length))?.[1];
    if (acronym && !REGISTRATION.test(acronym)) out.push(acronym);
  }
  const words = partner.split(/\s+/);
  if (words.length > 1) out.push(words.slice(0, 2).join(" "), words[0] as string);
  return out.filter((a) => !NOT_AN_ALIAS.test(a)).map(stripArticle);
}

const textOf = (b: Block): string => (b.kind === "table" ? "" : b.text);

export function extractMetadata(doc: DocumentText, blocks: Block[], infoTitle: string | null): Metadata {
  const warnings: Metadata["warnings"] = [];
  const printedTitle = findTitle(doc);
  const titre =
    printedTitle ?? (infoTitle && AGREEMENT_WORDS.test(infoTitle) && /\bentre\b/iu.test(infoTitle) ? infoTitle : null);
  const frontEnd = blocks.findIndex((b) => b.kind === "heading" && (b.type === "article" || b.type === "axe"));
  const front = blocks
    .slice(0, frontEnd < 0 ? blocks.length : frontEnd)
    .map(textOf)
    .join("\n");

  const printedPartner =
    (
      (titre && partnerFromTitle(titre)) ||
      (infoTitle && partnerFromTitle(infoTitle)) ||
      partnerFromCover(blocks, frontEnd) ||
      partnerFromParties(blocks)
    )?.replace(/\s*\([^)]*\)\s*$/, "") ?? null;
  const aliases = printedPartner ? definedAliases(front, printedPartner) : [];
  const ref = findPartner(printedPartner, ...aliases);
  const nom = ref?.nom ?? printedPartner;
  const siren = partnerSiren(front, printedPartner) ?? ref?.siren ?? null;
  if (!siren) {
    warnings.push({
      stage: "extract",
      code: "unknown-partner",
      field: "siren_partenaire",
      message: printedPartner
        ? `partner "${printedPartner}" is not in the reference table and no SIREN is printed: siren_partenaire left empty`
        : "no partner name found: siren_partenaire left empty",
    });
  }
  const nature = ref?.nature ?? partnerNature(printedNature(front, printedPartner), nom ? natureFromText(nom) : null);

  const signature = findSignature(blocks);
  if (!signature.date) {
    warnings.push({
      stage: "extract",
      code: "no-signature-date",
      field: "date_signature",
      message: "no signature date found (no « Fait à …, le … » line in the text layer)",
    });
  }
  const { atSignature, ...period } = findPeriod(blocks);
  if (atSignature) period.date_debut ??= signature.date;
  return {
    titre,
    type_accord: titre ? typeFromTitle(titre) : null,
    nom_partenaire: nom,
    siren_partenaire: siren,
    nature_partenaire: nature,
    date_signature: signature.date,
    lieu_signature: signature.place,
    ...period,
    axes: findAxes(blocks),
    partnerAliases: [
      ...new Set([...(printedPartner ? [printedPartner] : []), ...aliases, ...(ref ? [ref.nom, ...ref.variants] : [])]),
    ],
    warnings,
  };
}

/**
 * A cover line pairing the parties: "Région Hauts-de-France – Communauté d'agglomération …", before the
 * first article or axis (`frontEnd`, -1 when there is none: then among the first blocks).
 */
function partnerFromCover(blocks: Block[], frontEnd: number): string | null {
  for (const b of blocks.slice(0, frontEnd < 0 ? 10 : frontEnd)) {
    if (b.kind === "table") continue;
    for (const line of b.lines) {
      const partner = partnerFromTitle(line.text);
      if (partner) return partner;
    }
  }
  return null;
}

/**
 * "Et / La Communauté urbaine de Dunkerque, représentée par …", or the same clause without "Et"
 * when it names an intercommunality → the name before the comma.
 */
function partnerFromParties(blocks: Block[]): string | null {
  for (const [i, b] of blocks.entries()) {
    if (b.kind === "table") continue;
    const inline =
      /^et\s+(.{3,120}?),/iu.exec(b.text) ??
      /^((?:la|le|l['’])\s*(?:communaut[ée]|m[ée]tropole|p[ôo]le|syndicat|agglom[ée]ration|petr|pays)\b.{3,120}?),\s+(?:repr[ée]sent[ée]|sis|dont le si[èe]ge|siren)/iu.exec(
        b.text,
      );
    if (inline && !/r[ée]gion hauts/iu.test(inline[1] as string)) return stripArticle(inline[1] as string);
    if (!/^et$/iu.test(b.text.trim())) continue;
    const next = blocks[i + 1];
    if (next && next.kind !== "table") return stripArticle(next.text.split(",")[0] ?? "") || null;
  }
  return null;
}

/** The SIREN printed next to the partner (never the Region's, which is often printed just before). */
function partnerSiren(front: string, partner: string | null): string | null {
  const found = printedSirens(front).filter((s) => s.siren !== REGION.siren && s.siren.length === 9);
  if (found.length === 0) return null;
  if (partner) {
    const at = fold(front).indexOf(fold(partner));
    const after = found.find((s) => at >= 0 && s.index > at);
    if (after) return after.siren;
  }
  return found[0]?.siren ?? null;
}

/**
 * The nature printed after the name wins, except a legal form that only says "autre" ("Le Pôle métropolitain
 * de l'Artois, syndicat mixte fermé") when the name itself says something more specific.
 */
function partnerNature(printed: string | null, named: string | null): string | null {
  return printed === "autre" ? (named ?? printed) : (printed ?? named);
}

/**
 * "GrandSoissons Agglomération, communauté d'agglomération, …", "Syndicat … de l'Oise (SDEMO), syndicat mixte …":
 * the nature stated after one mention of the name (and its acronym).
 */
function printedNature(front: string, partner: string | null): string | null {
  if (!partner) return null;
  const text = fold(front);
  const name = fold(partner);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const nature = natureFromText(text.slice(at + name.length).replace(/^\s*(?:\([^()]{1,30}\)\s*)?,?\s*/, ""));
    if (nature) return nature;
  }
  return null;
}

/** A block that opens the signatures: "Fait à …", "Signé …", "Pour la Région …", or a dated place alone. */
const SIGNATURE_OPENING = /^(?:fait|sign[ée]e?s?)(?![\p{L}])|^pour\s+(?:la\s+r[ée]gion|le\s+pr[ée]sident)\b/iu;

/**
 * The signature part: from the first block opening the signatures after the last heading of the body (annexes
 * excluded) to the end of the body.
 */
function signaturePart(blocks: Block[]): Block[] {
  const annex = blocks.findIndex((b) => b.kind === "heading" && b.type === "annexe");
  const body = annex < 0 ? blocks : blocks.slice(0, annex);
  const lastHeading = body.findLastIndex((b) => b.kind === "heading");
  const opens = (b: Block) =>
    b.kind !== "table" && b.kind !== "heading" && (SIGNATURE_OPENING.test(b.text) || !!parseDatedLine(b.text));
  const from = body.findIndex((b, i) => i > lastHeading && opens(b));
  return from < 0 ? [] : body.slice(from);
}

/**
 * The agreement is signed when the last party signs: the latest date of the signature part, where each party's
 * block may carry its own "À X, le …" or "Le …". The place is the one of "Fait à …", else the one all dated
 * blocks agree on. Without such dates, the last "Fait à …, le …" line of the document.
 */
function findSignature(blocks: Block[]): { date: IsoDate | null; place: string | null } {
  const part = signaturePart(blocks);
  const mentions = part.flatMap((b) => datedMentions(textOf(b)));
  if (mentions.length > 0) {
    // ISO dates sort as text.
    const date = mentions
      .map((m) => m.date)
      .sort()
      .at(-1) as IsoDate;
    const signedAt = part.map((b) => parseSignedLine(textOf(b))?.place).find((p) => !!p);
    const places = new Set(mentions.map((m) => m.place));
    const agreed = places.size === 1 ? [...places][0] : null;
    return { date, place: signedAt ?? agreed ?? null };
  }
  let placeOnly: string | null = null;
  for (const b of [...blocks].reverse()) {
    if (b.kind === "table" || b.kind === "vu") continue;
    const sig = parseSignature(b.text);
    if (sig?.date) return { date: sig.date, place: sig.place ?? placeOnly };
    if (sig?.place) placeOnly ??= sig.place;
  }
  return { date: null, place: placeOnly };
}

const DURATION_HEADING = /dur[ée]e|prise d['’]effet|entr[ée]e en vigueur|validit[ée]|p[ée]riode|[ée]ch[ée]ance/iu;

function findPeriod(
  blocks: Block[],
): Pick<Metadata, "date_debut" | "date_fin" | "duree_mois"> & { atSignature: boolean } {
  const texts: string[] = [];
  let inside = false;
  for (const b of blocks) {
    if (b.kind === "heading" && (b.type === "article" || b.type === "titre")) inside = DURATION_HEADING.test(b.title);
    else if (inside && b.kind !== "table" && b.kind !== "heading") texts.push(b.text);
  }
  const scope = texts.length
    ? texts
    : blocks.flatMap((b) => (b.kind === "para" || b.kind === "bullet" ? [b.text] : []));
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  let months: number | null = null;
  let atSignature = false;
  for (const t of scope) {
    atSignature ||= startsAtSignature(t);
    const v = parseValidity(t);
    start ??= v.start;
    end ??= v.end;
    months ??= parseDuration(t);
  }
  return { date_debut: start, date_fin: end, duree_mois: months, atSignature };
}

/** The plural of an axis noun, word by word ("objectifs stratégiques"). */
const plural = (noun: string): string =>
  noun
    .split("\\s+")
    .map((word) => `${word}s`)
    .join("\\s+");
/** A sentence announcing the list of axes: "Le présent accord s'articule autour de quatre axes :". */
const AXES_LEAD_IN = new RegExp(`\\b(?:${AXIS_NOUNS.map(plural).join("|")})\\b[^.]*:\\s*$`, "iu");

/**
 * Strategic axes: "Axe N – intitulé" headings (also inside tables and "Article 4 – Axe 1 : …"), then,
 * for numbers still missing, the list that follows a sentence announcing the axes.
 */
function findAxes(blocks: Block[]): Axis[] {
  const byNumber = new Map<string, string>();
  const add = (numero: string, intitule: string) => {
    const t = cleanTitle(intitule);
    if (t && !byNumber.has(numero)) byNumber.set(numero, t);
  };
  for (const b of blocks) {
    if (b.kind === "heading" && b.type === "axe" && b.numero) add(b.numero, b.title);
    if (b.kind === "table") {
      for (const e of b.table.entries) {
        if (e.kind !== "group") continue;
        const m = axisHeading(cleanSpaces(e.lines.join(" ")));
        if (m) add(m.numero, m.title);
      }
    }
  }
  for (const [i, b] of blocks.entries()) {
    // The colon first: the announcing pattern is slow to fail on long paragraphs.
    if (b.kind !== "para" || !/:\s*$/.test(b.text) || !AXES_LEAD_IN.test(b.text)) continue;
    let n = 0;
    for (const item of blocks.slice(i + 1)) {
      if (item.kind !== "bullet") break;
      n += 1;
      const numero = /\d+/.exec(item.marker)?.[0] ?? String(n);
      add(numero, item.body);
    }
  }
  const axes = [...byNumber.entries()].map(([numero, intitule]) => ({ numero, intitule }));
  const numeric = axes.every((a) => /^\d+$/.test(a.numero));
  return numeric ? axes.sort((a, b) => Number(a.numero) - Number(b.numero)) : axes;
}
