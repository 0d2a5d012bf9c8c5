/**
 * Lines → blocks: headings (articles, titles, axes, fiches-action, preamble…), labelled items
 * ("Engagement 1.2 :"), numbered items ("1.2.3"), bullets, "Vu …" clauses and paragraphs, each with
 * its text on one line (hyphenation undone) and the page where every part of it starts.
 * Table-of-contents lines (dot leaders and page numbers) are dropped.
 */
import type { DocumentText } from "./document.ts";
import { joinLines } from "./hyphenation.ts";
import type { Line } from "./layout.ts";
import type { Table } from "./tables.ts";
import { BULLET_CLASS, cleanSpaces } from "./text.ts";

export type HeadingType = "article" | "titre" | "axe" | "fiche" | "preambule" | "sommaire" | "annexe" | "section";

interface TextBlock {
  text: string;
  /** Offsets in `text` where each source line starts, with its page. */
  starts: { offset: number; page: number }[];
  lines: Line[];
}

export type Block =
  | (TextBlock & { kind: "heading"; type: HeadingType; numero: string | null; title: string; size: number })
  | (TextBlock & { kind: "label"; word: string; numero: string; body: string; fields: Field[] })
  | (TextBlock & { kind: "numbered"; numero: string; body: string; fields: Field[] })
  | (TextBlock & {
      kind: "bullet";
      marker: string;
      body: string;
      /** x of the marker: the level of the item. */
      indent: number;
    })
  | (TextBlock & { kind: "vu" })
  | (TextBlock & { kind: "para" })
  | { kind: "table"; table: Table };

/** A "Porteur : Région" line of an item or a fiche-action. */
export type Field = [name: string, value: string];

const FIELD_NAMES = String.raw`porteurs?|pilotes?|ma[îi]tr\p{L}*(?: d['’]ouvrage)?|responsables?|partenaires?(?: associés)?|montants?[^:]{0,30}|co[ûu]ts?[^:]{0,30}|budgets?[^:]{0,30}|financements?[^:]{0,30}|calendrier|[ée]ch[ée]ances?|d[ée]lais?|indicateurs?[^:]{0,30}|objectifs?|description|contexte|localisation|objet|contenu`;
const FIELD_RE = new RegExp(`^(${FIELD_NAMES})\\s*:\\s*(.*)$`, "iu");
/** A fiche's own fields also say what each party undertakes, and under which axis the fiche falls. */
export const ENGAGEMENT_FIELD_RE =
  /^engagements?\s+(?:(?:de|du|des|d['’])\s*(.{2,60}?)|(?:communs?|conjoints?|r[ée]ciproques?|partag[ée]s?))$/iu;
const FICHE_FIELD_RE = new RegExp(
  `^(${FIELD_NAMES}|engagements?\\s+[^:]{2,64}|(?:orientation|axe|priorit[ée])s?(?:\\s+strat[ée]giques?)?)\\s*:\\s*(.*)$`,
  "iu",
);
/** A line ending on a word that cannot end a value ("… reliant Péronne à"): the value goes on. */
const OPEN_END = /(?:^|\s)(?:à|de|du|des|d['’]|la|le|les|l['’]|et|en|pour|par|au|aux|sur|un|une)$/iu;
/** A wrapped line that goes on with a figure or its unit ("1,2" / "M€."). */
const GOES_ON = /^(?:\p{Ll}|[\d€%]|[kM]\s?€)/u;

/** Separates "Name : value" lines (a value may wrap on the next lines) from the lines of text. */
export function splitFields(lines: string[], inFiche = false): { text: string[]; fields: Field[] } {
  const text: string[] = [];
  const fields: Field[] = [];
  let inField = false;
  for (const line of lines) {
    const m = (inFiche ? FICHE_FIELD_RE : FIELD_RE).exec(line);
    const last = fields[fields.length - 1];
    if (m) {
      fields.push([m[1] as string, m[2] as string]);
      inField = true;
    } else if (inField && last && (GOES_ON.test(line) || OPEN_END.test(last[1]))) last[1] = `${last[1]} ${line}`;
    else {
      inField = false;
      text.push(line);
    }
  }
  return { text, fields };
}

export const pageAt = (b: TextBlock, offset: number): number => {
  let page = b.starts[0]?.page ?? 1;
  for (const s of b.starts) if (s.offset <= offset) page = s.page;
  return page;
};

const SEP = "\\s*[-–—:.]\\s*";
/** Nouns that name a strategic axis ("Axe 2", "Orientation 2", "Priorité 2", "Volet 2"…), as regex sources. */
export const AXIS_NOUNS = [
  "axe",
  "orientation",
  "priorit[ée]",
  "objectif\\s+strat[ée]gique",
  "ambition",
  "volet",
  "enjeu",
  "d[ée]fi",
  "pilier",
  "chantier",
];
const AXIS_RE = new RegExp(
  `^(?:(?:article|titre|chapitre|partie|section)\\s+\\S+${SEP}|\\d{1,2}(?:\\.\\d{1,2}){0,2}\\.?\\s+)?(${AXIS_NOUNS.join("|")})\\s+(?:strat[ée]gique\\s+)?(?:n°\\s*)?(\\d{1,2}|[IVX]{1,4}|[A-H])\\b(${SEP}|\\s+)(.*)$`,
  "iu",
);

export interface AxisHeading {
  numero: string;
  title: string;
  /** "Axe 2", or another word followed by a separator ("Priorité 2 –"): a heading even when set like the text. */
  plain: boolean;
}

/**
 * "Axe 2 – intitulé", "Article 4 – Axe 1 : intitulé", "Chapitre 1 – Priorité I : intitulé", "Volet 2 :
 * intitulé"… or null. Headings are
 * capitalised: a wrapped line of running text that starts with "priorité 2 des …" is not one.
 */
export function axisHeading(text: string): AxisHeading | null {
  const m = AXIS_RE.exec(text);
  if (!m || !/^\p{Lu}/u.test(text.replace(/^\d[\d.]*\s+/u, ""))) return null;
  const plain = /^axe$/iu.test(m[1] as string) || /[-–—:.]/.test(m[3] as string);
  return { numero: m[2] as string, title: m[4] ?? "", plain };
}

const MENTIONED_AXIS_RE = new RegExp(
  `\\bau\\s+titre\\s+(?:de\\s+l['’]|du|de\\s+la|des)\\s*(?:${AXIS_NOUNS.join("|")})\\s+(?:n°\\s*)?(\\d{1,2}|[IVX]{1,4}|[A-H])\\b(?:${SEP}(.*))?$`,
  "iu",
);

/** The axis a heading's title names: "Engagements au titre du défi 1 – Reconversion", "4.1 – Au titre de l'axe 2 : …". */
export function mentionedAxis(title: string): { numero: string; title: string } | null {
  const m = MENTIONED_AXIS_RE.exec(title);
  return m ? { numero: m[1] as string, title: m[2] ?? "" } : null;
}

const ARTICLE_RE = /^article\s+(\d{1,3}|premier|unique|[IVXL]{1,5})(?:\s*(?:er|ère))?\b(\s*[-–—:.]\s*|\s*$|\s+)(.*)$/iu;
const TITRE_RE = /^(?:titre|chapitre|partie|section)\s+(\d{1,2}|[IVX]{1,5}|premier|unique)\b\s*(?:[-–—:.]\s*)?(.*)$/iu;
const PREAMBULE_RE = /^(?:pr[ée]ambule|visas|expos[ée] des motifs|consid[ée]rants?|entre les soussign[ée]s)\s*:?$/iu;
const SOMMAIRE_RE = /^(?:sommaire|table des mati[èe]res)\s*:?$/iu;
const ANNEXE_RE = /^annexes?\b/iu;
// "Fiche-action 3 –", "Fiche projet n° 2 :", or a bare "Fiche n° 1 –" (then the number is required).
const FICHE_RE =
  /^fiche(?:[\s-]*(?:action|projet|opération)s?|(?=\s*n[°o]\s*\d|\s+\d))\s*(?:n[°o]\s*)?([\w.-]*\d[\w.-]*)?\s*(?:[-–—:.]\s*)?(.*)$/iu;
const LABEL_RE =
  /^(engagement|action|mesure|projet|opération)\s*(?:n[°o]\.?\s*)?(\d{1,2}(?:[.-]\d{1,2}){0,3}(?:\s?(?:bis|ter)\b)?|[A-Z]\d{0,2}(?:\.\d{1,2}){0,3})\s*(?:\(([^)]{1,60})\))?(?:\s*[:.\-–—)]\s*|\s*$)(.*)$/iu;
/**
 * What a label's number looks like ("1", "1.2", "1.2.3", "A", "B2", "2 bis"): never a letter of the
 * word itself ("opérations. Lorsqu'…" is a wrapped line of text, not "Opération s").
 */
const LABEL_NUMBER = /^(?:\d{1,2}(?:[.-]\d{1,2}){0,3}(?:\s?(?:bis|ter))?|[A-Z](?:\d{1,2}(?:\.\d{1,2}){0,3})?)$/u;
/** A bare code before a dash or colon: "E1 – La Région s'engage…", "A2.1 : …". */
const CODE_LABEL_RE = /^([A-Z]{1,2}\d{1,2}(?:\.\d{1,2}){0,2})\s*[-–—:)]\s*(\S.*)$/u;
const NUMBERED_RE = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?:[-–—:]\s*)?(\S.*)$/u;
const BULLET_RE = new RegExp(`^(${BULLET_CLASS})\\s*(\\S.*)$`, "u");
const ENUM_RE = /^(\(?\d{1,2}[.)°]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+(\S.*)$/u;
const TOC_RE = /(?:\.{4,}|…{2,}|(?:\s?\.){5,}|_{4,})\s*\d{1,3}$/u;

type Kind =
  | { kind: "heading"; type: HeadingType; numero: string | null; title: string }
  | { kind: "label"; word: string; numero: string; body: string; porteur: string | null }
  | { kind: "numbered"; numero: string; body: string }
  | { kind: "bullet"; marker: string; body: string }
  | { kind: "vu" }
  | { kind: "toc" }
  | { kind: "text" };

interface Context {
  bodySize: number;
  pageFont: Map<number, string>;
}

/** A line set apart by its size or font from the running text of its page. */
function isStyled(line: Line, ctx: Context): boolean {
  if (line.size >= ctx.bodySize + 0.75) return true;
  const font = ctx.pageFont.get(line.page);
  return !!font && !!line.font && line.font !== font && line.size >= ctx.bodySize - 0.5;
}

function classify(line: Line, ctx: Context, inSommaire = false): Kind {
  const text = line.text;
  if (TOC_RE.test(text) || endsWithPageNumber(line)) return { kind: "toc" };
  if (inSommaire && /\s\d{1,3}$/.test(text) && !/[.;:,]\s*\d{1,3}$/.test(text)) return { kind: "toc" };
  const styled = isStyled(line, ctx);
  if (SOMMAIRE_RE.test(text)) return { kind: "heading", type: "sommaire", numero: null, title: text };
  if (PREAMBULE_RE.test(text)) return { kind: "heading", type: "preambule", numero: null, title: text };
  const axe = axisHeading(text);
  if (axe && (styled || (axe.plain && text.length < 160))) {
    return { kind: "heading", type: "axe", numero: axe.numero, title: axe.title };
  }
  const art = ARTICLE_RE.exec(text);
  if (art && /^A/.test(text) && (styled || /[-–—:.]/.test(art[2] ?? "") || !art[3])) {
    return { kind: "heading", type: "article", numero: art[1] as string, title: art[3] ?? "" };
  }
  const titre = TITRE_RE.exec(text);
  if (titre && (styled || text === text.toUpperCase())) {
    return { kind: "heading", type: "titre", numero: titre[1] as string, title: titre[2] ?? "" };
  }
  const fiche = FICHE_RE.exec(text);
  if (fiche) return { kind: "heading", type: "fiche", numero: fiche[1] || null, title: fiche[2] ?? "" };
  if (ANNEXE_RE.test(text) && styled) return { kind: "heading", type: "annexe", numero: null, title: text };
  if (/^vu\s/iu.test(text) && !styled) return { kind: "vu" };
  const label = LABEL_RE.exec(text);
  if (label && /^\p{Lu}/u.test(text) && LABEL_NUMBER.test(label[2] as string)) {
    return {
      kind: "label",
      word: label[1] as string,
      numero: label[2] as string,
      porteur: label[3] ?? null,
      body: label[4] ?? "",
    };
  }
  const code = CODE_LABEL_RE.exec(text);
  if (code) return { kind: "label", word: "", numero: code[1] as string, porteur: null, body: code[2] as string };
  const numbered = NUMBERED_RE.exec(text);
  if (numbered && !styled) return { kind: "numbered", numero: numbered[1] as string, body: numbered[2] as string };
  const bullet = BULLET_RE.exec(text) ?? ENUM_RE.exec(text);
  if (bullet && !styled) return { kind: "bullet", marker: bullet[1] as string, body: bullet[2] as string };
  if (styled && text.length < 140 && !/[,;:]$/.test(text) && /\p{L}/u.test(text)) {
    return { kind: "heading", type: "section", numero: numbered?.[1] ?? null, title: text };
  }
  return { kind: "text" };
}

/** A table-of-contents entry without leaders: a lone page number far to the right of the title. */
function endsWithPageNumber(line: Line): boolean {
  const last = line.frags[line.frags.length - 1];
  const before = line.frags[line.frags.length - 2];
  if (!last || !before || !/^\d{1,3}$/.test(last.text.trim())) return false;
  return last.x0 - before.x1 > 4 * last.size && /\p{L}{3}/u.test(line.text);
}

/** Usual distance between two baselines of a paragraph, per font size. */
function pitches(lines: Line[]): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as Line;
    const b = lines[i] as Line;
    if (a.page !== b.page || a.size !== b.size) continue;
    const d = Math.round((b.baseline - a.baseline) * 2) / 2;
    if (d <= 0 || d > 2.5 * b.size) continue;
    const m = counts.get(b.size) ?? new Map<number, number>();
    m.set(d, (m.get(d) ?? 0) + 1);
    counts.set(b.size, m);
  }
  // The line pitch is the smallest common distance: single-line paragraphs (further apart) may be the majority.
  const out = new Map<number, number>();
  for (const [size, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const common = [...m.entries()].filter(([, n]) => n >= Math.max(2, total * 0.1)).sort((x, y) => x[0] - y[0]);
    const [pitch, seen] = common[0] ?? [size * 1.3, 0];
    // Few wrapped lines to measure (short paragraphs): no more than a usual single spacing.
    out.set(size, seen >= 5 ? pitch : Math.min(pitch, size * 1.45));
  }
  return out;
}

const ENDS_SENTENCE = /[.;:!?»)]$/u;

export function buildBlocks(doc: DocumentText): Block[] {
  const ctx: Context = { bodySize: doc.bodySize, pageFont: doc.pageFont };
  const lines = doc.elements.flatMap((e) => (e.kind === "line" ? [e.line] : []));
  const pitch = pitches(lines);
  const newParagraph = (prev: Line, next: Line): boolean => {
    // A page break, or the jump from the foot of a column to the head of the next one (up and to the
    // right of where the line above ended), only ends a paragraph whose sentence is over.
    const jump = prev.page !== next.page || (next.baseline < prev.baseline && next.x0 >= prev.x1 - 2);
    if (jump) return ENDS_SENTENCE.test(prev.text) && !/^\p{Ll}/u.test(next.text);
    const p = pitch.get(next.size) ?? next.size * 1.3;
    return next.baseline - prev.baseline > p + Math.max(0.25 * next.size, 2) || next.baseline < prev.baseline;
  };

  const blocks: Block[] = [];
  let open: { kind: Kind; lines: Line[] } | null = null;
  let inSommaire = false;
  const close = () => {
    if (open) blocks.push(toBlock(open.kind, open.lines, doc));
    open = null;
  };

  for (const el of doc.elements) {
    if (el.kind === "table") {
      close();
      blocks.push({ kind: "table", table: el.table });
      continue;
    }
    const line = el.line;
    const kind = classify(line, ctx, inSommaire);
    if (kind.kind === "toc") continue;
    if (kind.kind === "heading") inSommaire = kind.type === "sommaire";
    const cur = open as { kind: Kind; lines: Line[] } | null;
    const plain =
      kind.kind === "text" ||
      (cur?.kind.kind === "heading" && kind.kind === "heading" && kind.type === "section") ||
      (cur?.kind.kind === "text" &&
        (kind.kind === "label" || kind.kind === "numbered") &&
        midSentence(cur.lines, line));
    if (cur && plain && continues(cur.kind, cur.lines, line, ctx, newParagraph)) {
      cur.lines.push(line);
      continue;
    }
    close();
    open = { kind, lines: [line] };
  }
  close();
  return blocks;
}

/**
 * A paragraph whose last line runs to the right edge and stops mid-sentence: a next line that looks
 * like an item ("opérations. Lorsqu'…", "Mesure 3. Les crédits…") is the sentence going on, as long as no
 * paragraph break comes between. A short line is a title set like the text ("Engagements de la Région").
 */
function midSentence(lines: Line[], next: Line): boolean {
  const prev = lines[lines.length - 1] as Line;
  const left = Math.min(next.x0, ...lines.map((l) => l.x0));
  const right = Math.max(next.x1, ...lines.map((l) => l.x1));
  return !ENDS_SENTENCE.test(prev.text) && prev.x1 >= right - 0.25 * (right - left);
}

function continues(
  kind: Kind,
  lines: Line[],
  line: Line,
  ctx: Context,
  newParagraph: (a: Line, b: Line) => boolean,
): boolean {
  const first = lines[0] as Line;
  const prev = lines[lines.length - 1] as Line;
  if (newParagraph(prev, line)) return false;
  // A line starting in lower case or with a digit carries on the sentence above.
  const carriesOn = /^[\p{Ll}\d]/u.test(line.text) && !isStyled(line, ctx);
  switch (kind.kind) {
    case "heading": {
      const sameStyle =
        Math.abs(line.size - first.size) <= 0.3 && (line.page !== first.page || line.font === first.font);
      if (!sameStyle) return false;
      if (isStyled(first, ctx)) return true;
      // A heading set like the text (an item of a list of axes) only goes on with an indented or lower-case line.
      return /^\p{Ll}/u.test(line.text) || (line.x0 > first.x0 + 5 && !ENDS_SENTENCE.test(prev.text));
    }
    case "label":
    case "numbered":
      // "12.1 – Calendrier" on a short line of its own, then the text: a numbered heading and its paragraph.
      // Its fields ("Porteur : Région") stay with an item.
      if (kind.kind === "numbered" && lines.length === 1 && headingShaped(kind.body) && /^\p{Lu}/u.test(line.text)) {
        if (first.x1 - first.x0 < 0.6 * (line.x1 - line.x0) && !FIELD_RE.test(line.text)) return false;
      }
      return carriesOn || line.x0 >= first.x0 - 3 || !ENDS_SENTENCE.test(prev.text);
    case "bullet":
    case "vu":
      return carriesOn || line.x0 > first.x0 + 2 || !ENDS_SENTENCE.test(prev.text);
    case "text":
      // A lead-in ("La Région s'engage à :") ends its paragraph; so does a sentence followed by an indent change.
      if (/:$/.test(prev.text) || (ENDS_SENTENCE.test(prev.text) && Math.abs(line.x0 - prev.x0) > 5)) return false;
      return !isStyled(line, ctx) || isStyled(prev, ctx);
    default:
      return false;
  }
}

function toBlock(kind: Kind, lines: Line[], doc: DocumentText): Block {
  const texts = lines.map((l) => l.text);
  const text = joinLines(texts, doc.vocab);
  const starts = locate(lines, text);
  const base = { text, starts, lines };
  const first = lines[0] as Line;
  switch (kind.kind) {
    case "heading": {
      const more = lines.length > 1 ? joinLines([kind.title, ...texts.slice(1)], doc.vocab) : kind.title;
      return {
        ...base,
        kind: "heading",
        type: kind.type,
        numero: kind.numero,
        title: cleanTitle(more),
        size: first.size,
      };
    }
    case "label":
    case "numbered": {
      const { text: rest, fields } = splitFields(texts.slice(1));
      if (kind.kind === "label" && kind.porteur) fields.push(["porteur", kind.porteur]);
      const body = joinLines([kind.body, ...rest], doc.vocab);
      return kind.kind === "label"
        ? { ...base, kind: "label", word: kind.word, numero: kind.numero, body, fields }
        : { ...base, kind: "numbered", numero: kind.numero, body, fields };
    }
    case "bullet": {
      // The level of an item is where its marker stands: the text after it may be one run with the
      // marker or a run of its own, depending on how the line was drawn (justified lines are cut up).
      const indent = first.x0;
      return {
        ...base,
        kind: "bullet",
        marker: kind.marker,
        body: joinLines([kind.body, ...texts.slice(1)], doc.vocab),
        indent,
      };
    }
    case "vu":
      return { ...base, kind: "vu" };
    default:
      return { ...base, kind: "para" };
  }
}

/** Where each line starts in the joined text (lines keep their order; hyphen joins shift offsets). */
function locate(lines: Line[], text: string): { offset: number; page: number }[] {
  const out: { offset: number; page: number }[] = [];
  let from = 0;
  for (const l of lines) {
    const head = cleanSpaces(l.text).slice(0, 12);
    const at = head ? text.indexOf(head, from) : -1;
    const offset = at >= 0 ? at : from;
    out.push({ offset, page: l.page });
    from = offset;
  }
  return out;
}

/** Short, capitalised, without final punctuation: the shape of a title ("Calendrier", "Rôle des services"). */
export function headingShaped(text: string): boolean {
  const t = cleanSpaces(text);
  return /^\p{Lu}/u.test(t) && !/[.;:,!?]$/u.test(t) && t.split(" ").length <= 12;
}

/** Heading titles without trailing list punctuation. */
export const cleanTitle = (s: string): string => cleanSpaces(s).replace(/\s*[;,.:]+$/u, "");
