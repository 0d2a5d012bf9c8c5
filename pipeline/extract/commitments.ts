/**
 * The commitments of an agreement (DATA-CONTRACT "What counts as a commitment"): a labelled item
 * ("Engagement 1.2 : …", "1.2.3 …"), each bullet under a lead-in ("La Région s'engage à :"), each row
 * of a table of commitments, each "Fiche-action", and any other sentence of an article whose verb is
 * "s'engage(nt) à" (governance articles included). Never the front matter (parties, "Vu …" clauses,
 * preamble), the table of contents, or bullets that do not commit ("Les parties partagent le constat
 * suivant :").
 */
import type { Axis, ExtractedCommitment, Porteur } from "../types.ts";
import { parseAmount } from "./amounts.ts";
import { joinLines, type Vocabulary } from "./hyphenation.ts";
import { porteurOf, thirdPartyOnly } from "./porteur.ts";
import {
  axisHeading,
  type Block,
  cleanTitle,
  ENGAGEMENT_FIELD_RE,
  type Field,
  headingShaped,
  mentionedAxis,
  pageAt,
  splitFields,
} from "./structure.ts";
import { cellNumber, type Table, type TableEntry, TOTAL_RE } from "./tables.ts";
import { cleanSpaces, parseFrenchNumber } from "./text.ts";

export interface CommitmentContext {
  axes: Axis[];
  partnerAliases: string[];
  vocab: Vocabulary;
}

/** "s'engage", "s’engagent", "sʼengager"…: the verb of a commitment, whatever the apostrophe. */
const ENGAGE = String.raw`s['’ʼ]\s?engag`;
const ENGAGE_RE = new RegExp(ENGAGE, "iu");
// "à" may be typed without its accent, as capitals often are ("S'ENGAGE A"); a bare "a" further on
// is the verb avoir ("s'engage dans une démarche qui a…"), so only one right after the verb counts.
const COMMIT_RE = new RegExp(
  String.raw`${ENGAGE}(?:e|ent)(?![\p{L}])(?:\s+a|[^.;:!?]{0,80}?(?<![\p{L}])à)(?![\p{L}])`,
  "iu",
);
const LEAD_IN_RE = new RegExp(
  String.raw`${ENGAGE}(?:e|ent)(?![\p{L}])(?:[^.;!?]*:|\s+a|[^.;:!?]{0,60}?(?<![\p{L}])à)\s*$`,
  "iu",
);
const JOINT_ENGAGEMENTS_RE = /^(?:les\s+)?engagements?\s+(?:communs?|conjoints?|partag[ée]s?)\s*:?\s*$/iu;
const ENGAGEMENTS_OF_RE = /^(?:les\s+)?engagements?\s+(?:de|du|des|pris\s+par|propres?\s+[àa])\s+(.{2,80}?)\s*:?\s*$/iu;
const BODY_START_RE = /\b(?:convenu|conviennent|arr[êe]t[ée] ce qui suit|ce qui suit)\b/iu;
const GOVERNANCE_RE =
  /gouvernance|suivi|[ée]valuation|pilotage|dur[ée]e|r[ée]siliation|modification|avenant|communication|litiges?|recours|mise en [œo]euvre|dispositions|conventions? d['’]application|financ|ex[ée]cution|engagements? (?:g[ée]n[ée]raux|communs|r[ée]ciproques)|prise d['’]effet|validit[ée]/iu;
const ABBREVIATION = /(?:^|[\s(])(?:M|Mme|MM|Mlle|Dr|St|Ste|art|cf|al|av|bd|vol|ch|p|n|L|R|D|[A-Z])\.$/u;
/** Lead-ins of lists that state facts, not undertakings ("Les parties partagent le constat suivant :"). */
const FINDINGS_RE =
  /constat|rel[èe]vent|partagent|constatent|consid[èe]rent|rappellent|observent|enjeux|diagnostic|ordre du jour|atouts|faiblesses/iu;
/** A financial summary ("Récapitulatif financier des fiches", "Plan de financement"), not a list of undertakings. */
const RECAP_RE =
  /(?:r[ée]capitulatif|synth[èe]se|tableau|annexe)\s+financi[èe]re?|plan\s+de\s+financement|maquette\s+financi[èe]re/iu;
const PRONOUN = /^\s*(?:elle|il|elles|ils|chacune|chacun|celle-ci|celui-ci)\b/iu;

/** An amount cell: "1,8 M€", or a bare number whose unit is in the column header ("Montant (k€)"). */
export function cellAmount(cell: string, header: string): number | null {
  const amount = parseAmount(cell);
  if (amount !== null || !/^\d[\d\s\u00a0\u202f.,]*$/u.test(cell)) return amount;
  const n = parseFrenchNumber(cell);
  if (n === null) return null;
  return /k\s?€|milliers/iu.test(header) ? n * 1e3 : /M\s?€|millions/u.test(header) ? n * 1e6 : n;
}

/** Offsets [start, end) of the sentences of a text. */
export function splitSentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?…]["»”)]*\s+(?=[«"“(]?[\p{Lu}\d])/gu)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    if (ABBREVIATION.test(text.slice(Math.max(0, end - 6), end))) continue;
    out.push([start, end]);
    start = (m.index ?? 0) + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out.filter(([a, b]) => text.slice(a, b).trim() !== "");
}

/**
 * Where the committing clause of a sentence starts: the last comma-separated clause before
 * "s'engage" that names a party ("En raison du caractère expérimental, la Région s'engage à …"
 * starts at "la Région").
 */
export function subjectStart(before: string, aliases: string[]): number {
  const cuts = [0, ...[...before.matchAll(/,\s+/g)].map((m) => (m.index ?? 0) + m[0].length)].reverse();
  for (const c of cuts) {
    const clause = before.slice(c);
    if (porteurOf(clause, aliases) || PRONOUN.test(clause)) return c;
  }
  return 0;
}

interface State {
  started: boolean;
  excluded: boolean;
  axis: Axis | null;
  axisSize: number | null;
  leadIn: { porteur: Porteur; indent: number | null } | null;
  /** Bullets follow a lead-in that does not commit: they are findings, not undertakings. */
  findings: boolean;
  open: ExtractedCommitment | null;
  fiche: Fiche | null;
  lastPorteur: Porteur;
  /** Counts headings and tables: the list, table or article a commitment was read in. */
  section: number;
  /** Number of the current article ("12"), to tell its sub-headings ("12.1 – Calendrier") from items. */
  article: string | null;
  /** Under a financial summary's heading: its tables sum up what the articles already state. */
  recap: boolean;
}

interface Fiche {
  numero: string | null;
  title: string;
  description: string | null;
  porteur: Porteur | null;
  montant: number | null;
  page: number;
  axis: Axis | null;
  text: string[];
  /** "Engagement de la Région : …" fields: what each party undertakes (party null for a joint one). */
  undertakings: { party: string | null; text: string; page: number }[];
}

export function extractCommitments(blocks: Block[], ctx: CommitmentContext): ExtractedCommitment[] {
  const out: ExtractedCommitment[] = [];
  const st: State = {
    started: false,
    excluded: false,
    axis: null,
    axisSize: null,
    leadIn: null,
    findings: false,
    open: null,
    fiche: null,
    lastPorteur: "conjoint",
    section: 0,
    article: null,
    recap: false,
  };
  const sectionOf = new Map<ExtractedCommitment, number>();
  const axisNamed = (numero: string, title: string): Axis => ({
    numero,
    intitule: ctx.axes.find((a) => a.numero === numero)?.intitule ?? cleanTitle(title),
  });
  const axisOf = (numero: string | null): Axis | null => {
    if (st.axis || !numero) return st.axis;
    const head = numero.split(/[.-]/)[0] as string;
    return numero.includes(".") ? (ctx.axes.find((a) => a.numero === head) ?? null) : null;
  };
  const push = (c: Omit<ExtractedCommitment, "numero_axe" | "intitule_axe">, axis: Axis | null = st.axis) => {
    const texte = cleanSpaces(c.texte);
    // The same text again in another part of the document (a summary annex) is not a new commitment;
    // twice in one list or table, it is printed as two items.
    if (!texte || out.some((o) => o.texte === texte && sectionOf.get(o) !== st.section)) return null;
    st.lastPorteur = c.porteur;
    const row: ExtractedCommitment = {
      numero_axe: axis?.numero ?? null,
      intitule_axe: axis?.intitule ?? null,
      ...c,
      texte,
    };
    out.push(row);
    sectionOf.set(row, st.section);
    return row;
  };
  const closeFiche = () => {
    const f = st.fiche;
    st.fiche = null;
    if (!f) return;
    if (f.undertakings.length) {
      // A fiche stating each party's part: one commitment per part, numbered after the fiche.
      for (const u of f.undertakings) {
        if (u.party && thirdPartyOnly(u.party, ctx.partnerAliases)) continue;
        const porteur = (u.party ? porteurOf(u.party, ctx.partnerAliases) : null) ?? "conjoint";
        const texte = joinLines([u.text], ctx.vocab);
        push({ numero_engagement: f.numero, texte, porteur, montant_euros: parseAmount(texte), page: u.page }, f.axis);
      }
      return;
    }
    const all = f.text.join(" ");
    const subject = COMMIT_RE.exec(all);
    const porteur =
      f.porteur ?? (subject ? porteurOf(all.slice(0, subject.index), ctx.partnerAliases) : null) ?? "conjoint";
    push(
      {
        numero_engagement: f.numero,
        texte: f.title || f.description || all,
        porteur,
        montant_euros: f.montant ?? parseAmount(all),
        page: f.page,
      },
      f.axis,
    );
  };
  const sentences = (b: Extract<Block, { text: string }>, text = b.text, base = 0) => {
    for (const [a, z] of splitSentences(text)) {
      const sentence = text.slice(a, z);
      const m = COMMIT_RE.exec(sentence);
      if (!m || LEAD_IN_RE.test(sentence)) continue;
      const s = subjectStart(sentence.slice(0, m.index), ctx.partnerAliases);
      const subject = sentence.slice(s, m.index);
      if (thirdPartyOnly(subject, ctx.partnerAliases)) continue;
      const porteur = porteurOf(subject, ctx.partnerAliases) ?? st.lastPorteur;
      const texte = sentence.slice(s);
      push({
        numero_engagement: null,
        texte,
        porteur,
        montant_euros: parseAmount(texte),
        page: pageAt(b, base + a + s),
      });
    }
  };

  // Without articles, axes or "il est convenu ce qui suit", the whole text is the body.
  st.started = !blocks.some(
    (b) =>
      (b.kind === "heading" && ["article", "titre", "axe", "fiche"].includes(b.type)) ||
      (b.kind === "para" && BODY_START_RE.test(b.text)),
  );
  for (const b of blocks) {
    if (b.kind === "table") {
      closeFiche();
      st.section += 1;
      st.started = true;
      st.leadIn = null;
      st.open = null;
      // A summary of commitments read above adds none (when it is the only statement of them, it counts).
      if (st.recap && out.length > 0) continue;
      const before = st.axis;
      for (const e of b.table.entries) tableEntry(e, b.table);
      st.axis = before;
      continue;
    }
    if (b.kind === "heading") {
      closeFiche();
      st.section += 1;
      st.findings = false;
      st.leadIn = null;
      st.open = null;
      st.recap = RECAP_RE.test(b.title);
      heading(b);
      continue;
    }
    if (b.kind === "vu") continue;
    if (!st.started) {
      if (b.kind === "para" && BODY_START_RE.test(b.text)) st.started = true;
      continue;
    }
    if (st.excluded) continue;
    if (st.fiche) {
      ficheFields(
        st.fiche,
        b.lines.map((l) => l.text),
        pageAt(b, 0),
      );
      continue;
    }
    switch (b.kind) {
      case "label":
      case "numbered": {
        if (b.kind === "numbered" && subHeading(b)) {
          // A numbered sub-heading of the article ("12.1 – Calendrier") is not an item: it ends any list.
          enterMentionedAxis(b.body);
          st.leadIn = null;
          st.open = null;
          st.findings = false;
          break;
        }
        if (b.kind === "numbered" && !st.axis && !COMMIT_RE.test(b.body)) {
          // A numbered paragraph outside the axes is an ordinary paragraph unless it commits.
          sentences(b);
          break;
        }
        st.leadIn = null;
        st.findings = false;
        const body = b.body;
        const m = COMMIT_RE.exec(body);
        if (m && thirdPartyOnly(body.slice(0, m.index), ctx.partnerAliases)) {
          st.open = null;
          break;
        }
        const f = fieldValues(b.fields);
        const porteur =
          (m ? porteurOf(body.slice(0, m.index), ctx.partnerAliases) : null) ??
          f.porteur ??
          porteurOf(leadingSubject(body), ctx.partnerAliases) ??
          "conjoint";
        st.open = push(
          {
            numero_engagement: b.numero,
            texte: body,
            porteur,
            montant_euros: f.montant ?? parseAmount(body),
            page: pageAt(b, 0),
          },
          axisOf(b.numero),
        );
        if (st.open && !/:\s*$/.test(body)) st.open = null;
        break;
      }
      case "bullet": {
        if (st.open) {
          st.open.texte = cleanSpaces(`${st.open.texte} ${b.body}`);
          st.open.montant_euros ??= parseAmount(b.body);
          break;
        }
        if (st.leadIn) {
          const last = out[out.length - 1];
          st.leadIn.indent ??= b.indent;
          if (last && b.indent > st.leadIn.indent + 4) {
            // A sub-bullet belongs to the commitment above it.
            last.texte = cleanSpaces(`${last.texte} ${b.body}`);
            break;
          }
          push({
            numero_engagement: null,
            texte: b.body,
            porteur: st.leadIn.porteur,
            montant_euros: parseAmount(b.body),
            page: pageAt(b, 0),
          });
          break;
        }
        if (!st.findings) sentences(b, b.body, b.text.indexOf(b.body));
        break;
      }
      case "para": {
        st.open = null;
        if (st.leadIn && /^\p{Ll}/u.test(b.text)) {
          // List items set without a bullet glyph: each lower-case paragraph after the lead-in.
          push({
            numero_engagement: null,
            texte: b.text,
            porteur: st.leadIn.porteur,
            montant_euros: parseAmount(b.text),
            page: pageAt(b, 0),
          });
          break;
        }
        const parts = splitSentences(b.text);
        const last = parts[parts.length - 1];
        const lastText = last ? b.text.slice(last[0], last[1]) : "";
        const lead = leadInOf(lastText);
        st.leadIn = lead && lead !== "tiers" ? { porteur: lead, indent: null } : null;
        // The items of a third party's list, like findings, are not undertakings of the parties.
        st.findings = lead === "tiers" || (!lead && /:\s*$/.test(lastText) && FINDINGS_RE.test(lastText));
        sentences(b, lead && last ? b.text.slice(0, last[0]) : b.text);
        break;
      }
    }
  }
  closeFiche();
  return out;

  /** "12.1 – Calendrier" under Article 12: a title numbered after its article, without fields nor commitment. */
  function subHeading(b: Extract<Block, { kind: "numbered" }>): boolean {
    return (
      st.article !== null &&
      b.numero.split(".")[0] === st.article &&
      b.fields.length === 0 &&
      headingShaped(b.body) &&
      !COMMIT_RE.test(b.body)
    );
  }

  /** A heading naming the axis its commitments come under ("Engagements au titre de l'axe 2") enters it. */
  function enterMentionedAxis(title: string) {
    const named = mentionedAxis(title);
    if (named) st.axis = axisNamed(named.numero, named.title);
  }

  /** Who carries the list a sentence introduces ("La Région s'engage à :"); "tiers" for a third party. */
  function leadInOf(sentence: string): Porteur | "tiers" | null {
    if (LEAD_IN_RE.test(sentence)) {
      const m = ENGAGE_RE.exec(sentence);
      const before = sentence.slice(0, m?.index ?? 0);
      const s = subjectStart(before, ctx.partnerAliases);
      if (thirdPartyOnly(before.slice(s), ctx.partnerAliases)) return "tiers";
      return porteurOf(before.slice(s), ctx.partnerAliases) ?? porteurOf(before, ctx.partnerAliases) ?? st.lastPorteur;
    }
    return engagementsOf(sentence);
  }

  /** Whose commitments a title announces: "Engagements de la Région", "Engagements communs". */
  function engagementsOf(title: string): Porteur | null {
    if (JOINT_ENGAGEMENTS_RE.test(title)) return "conjoint";
    const of = ENGAGEMENTS_OF_RE.exec(title);
    return of ? porteurOf(of[1] as string, ctx.partnerAliases) : null;
  }

  function heading(b: Extract<Block, { kind: "heading" }>) {
    switch (b.type) {
      case "preambule":
      case "sommaire":
        st.excluded = true;
        return;
      case "axe":
        st.started = true;
        st.excluded = false;
        st.axis = axisNamed(b.numero ?? "", b.title);
        st.axisSize = b.size;
        return;
      case "fiche":
        st.started = true;
        st.excluded = false;
        st.fiche = {
          numero: b.numero,
          title: b.title,
          description: null,
          porteur: null,
          montant: null,
          page: pageAt(b, 0),
          axis: st.axis,
          text: [],
          undertakings: [],
        };
        return;
      case "article":
        st.started = true;
        st.excluded = false;
        st.article = articleNumber(b.numero);
        // An article at the level of the axes (or a general one: governance, duration…) leaves the axis.
        if (GOVERNANCE_RE.test(b.title) || st.axisSize === null || b.size >= st.axisSize - 0.25) st.axis = null;
        enterMentionedAxis(b.title);
        return;
      case "titre":
      case "annexe":
        st.started = true;
        st.excluded = false;
        st.axis = null;
        st.article = null;
        return;
      case "section": {
        // An unnumbered heading at the level of the axes on a general matter ("VI. GOUVERNANCE") ends the axis.
        if (st.axisSize !== null && b.size >= st.axisSize - 0.25 && GOVERNANCE_RE.test(b.title)) st.axis = null;
        enterMentionedAxis(b.title);
        const porteur = engagementsOf(b.title);
        if (porteur) st.leadIn = { porteur, indent: null };
        return;
      }
    }
  }

  function tableEntry(e: TableEntry, table: Table) {
    if (e.kind === "group") {
      const m = axisHeading(joinLines(e.lines, ctx.vocab));
      if (m) st.axis = axisNamed(m.numero, m.title);
      return;
    }
    const texte = joinLines(e.cells.texte ?? [], ctx.vocab);
    if (!texte || TOTAL_RE.test(texte)) return;
    const numero = cellNumber(cleanSpaces((e.cells.numero ?? []).join(" ")));
    const porteurCell = cleanSpaces((e.cells.porteur ?? []).join(" "));
    if (porteurCell && thirdPartyOnly(porteurCell, ctx.partnerAliases)) return;
    const axeCell = cleanSpaces((e.cells.axe ?? []).join(" "));
    const montantCell = e.cells.montant ? cleanSpaces(e.cells.montant.join(" ")) : null;
    const m = COMMIT_RE.exec(texte);
    const porteur =
      (porteurCell ? porteurOf(porteurCell, ctx.partnerAliases) : null) ??
      (m ? porteurOf(texte.slice(0, m.index), ctx.partnerAliases) : null) ??
      "conjoint";
    const axis = axeCell ? axisNamed(/\d+/.exec(axeCell)?.[0] ?? axeCell, "") : axisOf(numero);
    push(
      {
        numero_engagement: numero,
        texte,
        porteur,
        montant_euros: montantCell !== null ? cellAmount(montantCell, table.headers.montant ?? "") : parseAmount(texte),
        page: e.page,
      },
      axis,
    );
  }

  /**
   * What the "Porteur : …", "Montant : …", "Description : …" fields say; in a fiche, also each party's
   * part ("Engagement de la Région : …", party null for a joint one) and its axis ("Orientation : n° 2").
   */
  function fieldValues(fields: Field[]): {
    porteur: Porteur | null;
    montant: number | null;
    description: string | null;
    axe: string | null;
    undertakings: { party: string | null; text: string }[];
  } {
    const out = {
      porteur: null as Porteur | null,
      montant: null as number | null,
      description: null as string | null,
      axe: null as string | null,
      undertakings: [] as { party: string | null; text: string }[],
    };
    for (const [name, value] of fields) {
      const undertaking = ENGAGEMENT_FIELD_RE.exec(name.trim());
      if (undertaking) out.undertakings.push({ party: undertaking[1] ?? null, text: value });
      else if (/^(?:orientation|axe|priorit)/iu.test(name))
        out.axe = /(?<![\p{L}\d])(\d{1,2}|[IVX]{1,4})(?![\p{L}\d])/u.exec(value)?.[1] ?? out.axe;
      else if (/porteur|pilote|ma[îi]tr|responsable/iu.test(name)) out.porteur ??= porteurOf(value, ctx.partnerAliases);
      else if (/montant|co[ûu]t|budget|financement/iu.test(name)) out.montant ??= parseAmount(value);
      else if (/description|objet|contenu|objectif/iu.test(name)) out.description ??= cleanSpaces(value);
    }
    return out;
  }

  /** The lines of a fiche-action: fields, or text (its description). */
  function ficheFields(f: Fiche, lines: string[], page: number) {
    f.text.push(...lines);
    const { text, fields } = splitFields(lines, true);
    const v = fieldValues(fields);
    f.undertakings.push(...v.undertakings.map((u) => ({ ...u, page })));
    if (v.axe) f.axis = axisNamed(v.axe, "");
    f.porteur ??= v.porteur;
    f.montant ??= v.montant;
    f.description ??= v.description ?? (text.length ? joinLines(text, ctx.vocab) : null);
  }
}

/** A verb that ends an item's subject: future tense ("apportera", "mettront"), reflexive, or an auxiliary. */
const VERB = /^(?:\p{Ll}+(?:ra|ront)|s['’]\p{L}+|est|sont|a|ont|peut|peuvent|doit|doivent)$/u;

/**
 * Who an item without "s'engage" names first: the words before its verb ("La Région apportera au
 * Syndicat …" → "La Région"), or its first six words when no verb shows.
 */
function leadingSubject(body: string): string {
  const words = body.split(/\s+/).slice(0, 8);
  const verb = words.findIndex((w, k) => k > 0 && VERB.test(w));
  return words.slice(0, verb > 0 ? verb : 6).join(" ");
}

/** "12", "1er", "premier" → the article's number in digits; null for other numberings. */
function articleNumber(numero: string | null): string | null {
  if (!numero) return null;
  if (/^(?:premier|1er|unique)$/iu.test(numero)) return "1";
  return /^\d+$/.test(numero) ? String(Number(numero)) : null;
}
