/**
 * Tables of commitments. A table is found by its header row (≥ 3 cells, at least two known roles, one
 * of them the commitment text: "N° | Engagement | Porteur | Montant | Calendrier"). Column boundaries
 * sit where the cells below leave a vertical white strip between two header cells. The table goes on
 * over page breaks (a repeated header row is skipped) until the text around it comes back (another
 * font size, a wide gap). Rows spanning every column ("Axe 2 – …") are group rows; a row whose number
 * cell is empty continues the row above, also across a page break. A table may also set the parties'
 * commitments side by side, one column each ("Engagements de la Région | Engagements de la
 * Communauté"): each item of a column is then a commitment of that column's party.
 */
import { type Frag, type Line, makeLine } from "./layout.ts";
import { axisHeading } from "./structure.ts";
import { BULLET_CLASS, fold } from "./text.ts";

export type ColumnRole = "numero" | "texte" | "porteur" | "montant" | "calendrier" | "axe" | "autre";

export type TableEntry =
  | { kind: "group"; lines: string[]; page: number }
  | { kind: "row"; cells: Partial<Record<ColumnRole, string[]>>; page: number };

export interface Table {
  /** The header row that starts the table (its place in the reading order). */
  start: Line;
  /** Every row that belongs to the table (header, group and data rows), so the text flow skips them. */
  rows: Set<Line>;
  roles: ColumnRole[];
  /** Header text of each column ("Montant (k€)" tells the unit of bare numbers). */
  headers: Partial<Record<ColumnRole, string>>;
  entries: TableEntry[];
}

const ROLE_PATTERNS: [ColumnRole, RegExp][] = [
  ["numero", /^(?:n°|n o|no\.?|num(?:ero)?\.?|#|ref\.?|id|fiches?)$/],
  [
    "texte",
    /^(?:engagements?|actions?|intitules?|description|objet|projets?|operations?|mesures?|libelles?|contenu|fiches?[- ]actions?)\b/,
  ],
  [
    "porteur",
    /^(?:porteurs?|pilotes?|maitres?|maitrise d'ouvrage|responsables?|parties?|partenaires? (?:porteurs?|pilotes?)|qui)\b/,
  ],
  [
    "montant",
    /^(?:montants?|couts?|budgets?|financements?|participations?|enveloppes?|credits|contributions?|aides?|subventions?|€)/,
  ],
  ["calendrier", /^(?:calendrier|echeances?|echeancier|delais?|dates?|periode|planning|horizon|annees?)\b/],
  ["axe", /^axes?\b/],
];

function roleOf(text: string): ColumnRole | null {
  const t = fold(text).replace(/[:.]+$/, "");
  for (const [role, re] of ROLE_PATTERNS) if (re.test(t)) return role;
  return null;
}

interface Cluster {
  text: string;
  x0: number;
  x1: number;
}

/** Runs of a row separated by gaps wider than about one character height. */
function clusters(line: Line, gapFactor = 1): Cluster[] {
  const out: Cluster[] = [];
  for (const f of line.frags) {
    const last = out[out.length - 1];
    if (last && f.x0 - last.x1 <= gapFactor * f.size) {
      last.text += ` ${f.text}`;
      last.x1 = Math.max(last.x1, f.x1);
    } else out.push({ text: f.text, x0: f.x0, x1: f.x1 });
  }
  return out.map((c) => ({ ...c, text: c.text.replace(/\s+/g, " ").trim() }));
}

/** The header row of a commitments table, as cells with roles, or null. */
export function headerCells(line: Line): (Cluster & { role: ColumnRole })[] | null {
  // Three cells need three runs: this is asked of every row of the document, and most are one run.
  if (line.frags.length < 3) return null;
  const cells = clusters(line);
  if (cells.length < 3 || cells.some((c) => c.text.length > 40)) return null;
  const withRoles = cells.map((c) => ({ ...c, role: roleOf(c.text) ?? ("autre" as ColumnRole) }));
  const known = new Set(withRoles.map((c) => c.role).filter((r) => r !== "autre"));
  if (!known.has("texte") || known.size < 2) return null;
  return withRoles;
}

/** "Engagements de la Région": the header of one party's column; the party is group 1. */
const PARTY_COLUMN_RE = /^engagements?\s+(?:de|du|des|d['’]|pris\s+par)\s*(.{2,80}?)\s*:?$/iu;

/** The header row of a table setting two or three parties' commitments side by side, or null. */
function partyColumns(line: Line): (Cluster & { role: ColumnRole })[] | null {
  // Asked of every row of the document: most fail on their first word, before being cut into cells.
  if (line.frags.length < 2 || !/^engagement/iu.test(line.text)) return null;
  const cells = clusters(line);
  if (cells.length < 2 || cells.length > 3 || !cells.every((c) => PARTY_COLUMN_RE.test(c.text))) return null;
  return cells.map((c) => ({ ...c, role: "texte" }));
}

export const isTableHeader = (line: Line): boolean => headerCells(line) !== null || partyColumns(line) !== null;

interface Segment {
  header: (Cluster & { role: ColumnRole })[];
  rows: Line[];
}

/** A segment with its column boundaries, measured once for everything that reads its rows. */
interface CutSegment extends Segment {
  cuts: number[];
}

/** Finds every table of commitments in the rows of the document (all pages, reading order). */
export function findTables(pages: Line[][], pageHeights: number[]): Table[] {
  const tables: Table[] = [];
  for (let p = 0; p < pages.length; p++) {
    const rows = pages[p] ?? [];
    for (let i = 0; i < rows.length; i++) {
      const start = rows[i] as Line;
      const byRole = headerCells(start);
      const first = byRole ?? partyColumns(start);
      if (!first || tables.some((t) => t.rows.has(start))) continue;
      const { header, rows: headerRows } = wrappedHeader(rows, i, first);
      const parties = byRole ? null : header.map((c) => PARTY_COLUMN_RE.exec(c.text)?.[1] ?? c.text);
      const table = readTable(pages, pageHeights, p, i + headerRows.length - 1, header, parties);
      for (const r of headerRows) table.rows.add(r);
      table.start = start;
      tables.push(table);
    }
  }
  return tables;
}

/**
 * Header cells set on two lines ("Maître" / "d'ouvrage", "Montant" / "(en €)"): the next rows in the
 * header's font, close below it, each run under one header cell, complete the cells.
 */
function wrappedHeader(
  rows: Line[],
  i: number,
  header: (Cluster & { role: ColumnRole })[],
): { header: (Cluster & { role: ColumnRole })[]; rows: Line[] } {
  const start = rows[i] as Line;
  const cells = header.map((c) => ({ ...c }));
  const used = [start];
  for (let k = i + 1; k < Math.min(rows.length, i + 3); k++) {
    const row = rows[k] as Line;
    const prev = used[used.length - 1] as Line;
    if (row.font !== start.font || row.baseline - prev.baseline > 1.6 * start.size) break;
    const owners = row.frags.map((f) => cells.filter((c) => f.x1 > c.x0 - 4 && f.x0 < c.x1 + 4));
    if (owners.some((o) => o.length !== 1)) break;
    row.frags.forEach((f, j) => {
      const cell = owners[j]?.[0];
      if (cell) cell.text = `${cell.text} ${f.text}`;
    });
    used.push(row);
  }
  for (const c of cells) c.role = roleOf(c.text) ?? c.role;
  return { header: cells, rows: used };
}

function readTable(
  pages: Line[][],
  pageHeights: number[],
  p0: number,
  i0: number,
  header: (Cluster & { role: ColumnRole })[],
  parties: string[] | null,
): Table {
  const start = pages[p0]?.[i0] as Line;
  const used = new Set<Line>([start]);
  const roles = header.map((c) => c.role);
  const segments: Segment[] = [];
  let segment: Segment = { header, rows: [] };
  let p = p0;
  let i = i0 + 1;
  let prev: Line = start;
  // Cells are set in the header's size or smaller; the running text around the table is larger.
  const size = start.size;
  let x0 = Math.min(...header.map((c) => c.x0)) - start.size * 2;
  let x1 = Math.max(...header.map((c) => c.x1)) + start.size * 2;
  if (parties) {
    // A party's header is often centred over its column: the rows below show where the columns start,
    // and a column's text may run wider than its header.
    const below = (pages[p0] ?? []).slice(i0 + 1, i0 + 4).filter((r) => r.size <= size + 0.75);
    x0 = Math.min(x0, ...below.map((r) => r.x0 - 1));
    x1 = Number.POSITIVE_INFINITY;
  }
  for (;;) {
    const rows = pages[p] ?? [];
    if (i >= rows.length) {
      // Next page: the table goes on if it reached the bottom of this page and the next page starts
      // with the same header or with rows of the same size inside the table's width.
      const next = pages[p + 1];
      const first = next?.[0];
      const nearBottom = prev.baseline > (pageHeights[p] ?? 842) * 0.7;
      if (!next || !first || !nearBottom) break;
      const repeated = headerCells(first);
      const sameRoles = repeated && repeated.map((c) => c.role).join() === roles.join();
      // Without a repeated header, the first row must fit the columns (running text crosses them).
      const fits = first.size <= size + 0.75 && first.x0 >= x0 && first.x1 <= x1 && !spans(first, boundaries(segment));
      if (!sameRoles && !fits) break;
      segments.push(segment);
      segment = { header: sameRoles && repeated ? repeated : segment.header, rows: [] };
      p += 1;
      i = 0;
      if (sameRoles) {
        used.add(first);
        i = 1;
        prev = first;
      } else prev = first;
      continue;
    }
    const row = rows[i] as Line;
    // A header cell may be taller than its text: the first row may sit further below it than rows do below each other.
    const spacing = segment.rows.length === 0 ? 5 : 3.2;
    const sameFlow = row.page !== prev.page || row.baseline - prev.baseline <= spacing * size;
    if (!sameFlow || row.size > size + 0.75 || row.x0 < x0 || row.x1 > x1) break;
    segment.rows.push(row);
    used.add(row);
    prev = row;
    i += 1;
  }
  segments.push(segment);
  const headers: Partial<Record<ColumnRole, string>> = {};
  for (const c of header) headers[c.role] ??= c.text;
  const cut = segments.map((s) => ({ ...s, cuts: boundaries(s) }));
  const read = parties ? roles : withCodeColumn(cut, roles);
  const entries = parties ? readPartyColumns(cut, parties) : readEntries(cut, read);
  return { start, rows: used, roles: read, headers, entries };
}

/** x where the cells leave the widest white strip between two header cells. */
function boundaries(segment: Segment): number[] {
  const header = segment.header;
  // Runs wider than half the table (group rows) would close every strip: the table is the header and
  // its rows, whose columns may reach beyond their headers.
  const left = Math.min(...header.map((c) => c.x0), ...segment.rows.map((r) => r.x0));
  const right = Math.max(...header.map((c) => c.x1), ...segment.rows.map((r) => r.x1));
  const frags = segment.rows.flatMap((r) => r.frags).filter((f) => f.x1 - f.x0 < 0.5 * (right - left));
  const out: number[] = [];
  for (let k = 0; k + 1 < header.length; k++) {
    const a = (header[k] as Cluster).x1;
    const b = (header[k + 1] as Cluster).x0;
    if (b - a < 2) {
      out.push((a + b) / 2);
      continue;
    }
    const xs: number[] = [];
    for (let x = a; x <= b + 0.001; x += 0.5) xs.push(x);
    const cover = xs.map((x) => frags.filter((f) => f.x0 < x && f.x1 > x).length);
    const least = Math.min(...cover);
    let best = { lo: a, hi: b, width: -1 };
    let runStart: number | null = null;
    for (const [k, x] of xs.entries()) {
      if (cover[k] !== least) {
        runStart = null;
        continue;
      }
      runStart ??= x;
      if (x - runStart > best.width) best = { lo: runStart, hi: x, width: x - runStart };
    }
    out.push((best.lo + best.hi) / 2);
  }
  return out;
}

/** A "TOTAL" or "Sous-total" row: a sum, never a commitment. */
export const TOTAL_RE = /^(?:sous[- ]?)?tota(?:l|ux)\b/iu;

/** Words a number cell may put before its number ("Action 3", "Fiche n° 2"). */
const ITEM_WORD = "(?:action|engagement|fiche|mesure|op[ée]ration|projet)";
const NUMBER_CELL = new RegExp(
  `^(?:${ITEM_WORD}\\s+)?(?:n°\\s*)?\\(?[A-Za-z]?\\d{1,3}(?:[.-]\\d{1,3}){0,3}[.)]?$`,
  "iu",
);
const NUMBER_PREFIX = new RegExp(`^(?:${ITEM_WORD}\\s+)?n°\\s*`, "iu");
const ITEM_WORD_PREFIX = new RegExp(`^${ITEM_WORD}\\s+(?=\\S*\\d)`, "iu");

/** A number cell's number: "Action 3" → "3", "n° 1.2" → "1.2", "B2)" → "B2". */
export function cellNumber(cell: string): string | null {
  return (
    cell
      .replace(NUMBER_PREFIX, "")
      .replace(ITEM_WORD_PREFIX, "")
      .replace(/^\(|[.)]$/g, "") || null
  );
}

/** The column a run falls in: how many boundaries lie left of its centre. */
const columnOf = (f: Frag, cuts: number[]): number => cuts.filter((c) => c < (f.x0 + f.x1) / 2).length;

/** A row's runs gathered by column, one line per column (null where a column is empty). */
function rowCells(row: Line, cuts: number[]): (Line | null)[] {
  const byColumn: Frag[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const f of row.frags) byColumn[columnOf(f, cuts)]?.push(f);
  return byColumn.map((frags) => (frags.length ? makeLine(row.page, frags) : null));
}

/**
 * A table titled "Action | Description | …" has two text columns by name; the one whose cells are all
 * numbers ("Action 1", "A2") is the number column.
 */
function withCodeColumn(segments: CutSegment[], roles: ColumnRole[]): ColumnRole[] {
  if (roles.filter((r) => r === "texte").length < 2) return roles;
  const cells = roles.map(() => [] as string[]);
  for (const { rows, cuts } of segments) {
    for (const row of rows) {
      if (spans(row, cuts)) continue;
      rowCells(row, cuts).forEach((cell, k) => {
        if (cell) cells[k]?.push(cell.text);
      });
    }
  }
  const k = roles.findIndex(
    (r, k) => r === "texte" && (cells[k]?.length ?? 0) >= 2 && cells[k]?.every((c) => NUMBER_CELL.test(c)),
  );
  return k < 0 ? roles : roles.map((r, j) => (j === k ? "numero" : r));
}

function readEntries(segments: CutSegment[], roles: ColumnRole[]): TableEntry[] {
  const entries: TableEntry[] = [];
  const hasNumero = roles.includes("numero");
  let current: Extract<TableEntry, { kind: "row" }> | null = null;
  let lastGroup: Extract<TableEntry, { kind: "group" }> | null = null;
  let prevData: Line | null = null;
  const pitch = cellPitch(segments);
  for (const { rows, cuts } of segments) {
    for (const row of rows) {
      if (spans(row, cuts)) {
        lastGroup = groupRow(entries, lastGroup, row);
        current = null;
        prevData = null;
        continue;
      }
      lastGroup = null;
      const cells = new Map<ColumnRole, Frag[]>();
      for (const f of row.frags) {
        const role = roles[columnOf(f, cuts)] ?? "autre";
        cells.set(role, [...(cells.get(role) ?? []), f]);
      }
      const text = (role: ColumnRole): string => {
        const fr = cells.get(role);
        return fr ? makeLine(row.page, fr).text : "";
      };
      const numero = text("numero");
      const startsRow = hasNumero
        ? NUMBER_CELL.test(numero) || TOTAL_RE.test(text("texte"))
        : text("texte") !== "" &&
          (!prevData || row.page !== prevData.page || row.baseline - prevData.baseline > pitch * 1.3);
      if (startsRow || !current) {
        current = { kind: "row", cells: {}, page: row.page };
        entries.push(current);
      }
      for (const role of cells.keys()) {
        const value = text(role);
        if (value) current.cells[role] = [...(current.cells[role] ?? []), value];
      }
      prevData = row;
    }
  }
  return entries;
}

const BULLET_START = new RegExp(`^${BULLET_CLASS}\\s*`, "u");

/**
 * The items of a table whose columns are the parties' commitments. In each column a bullet starts an
 * item, or, in a column without bullets, a new paragraph does; a group row ("Volet 1 – …") closes the
 * items above it, which are given column by column, each with its column's party as the porteur.
 */
function readPartyColumns(segments: CutSegment[], parties: string[]): TableEntry[] {
  type Part = { group: Line } | { column: number; line: Line };
  const parts: Part[] = [];
  for (const { rows, cuts } of segments) {
    for (const row of rows) {
      // A short group row ("Volet 2 – Eau") may not reach across the columns.
      if (spans(row, cuts) || axisHeading(row.text)) {
        parts.push({ group: row });
        continue;
      }
      rowCells(row, cuts).forEach((line, k) => {
        if (line) parts.push({ column: k, line });
      });
    }
  }
  const columnLines = parties.map((_, k) => parts.flatMap((p) => ("column" in p && p.column === k ? [p.line] : [])));
  const bulleted = columnLines.map((lines) => lines.some((l) => BULLET_START.test(l.text)));
  const pitch = columnLines.map((lines) => {
    const deltas = lines.slice(1).map((l, j) => l.baseline - (lines[j] as Line).baseline);
    return Math.min(...deltas.filter((d, j) => d > 0.5 * (lines[j] as Line).size), Number.POSITIVE_INFINITY);
  });

  const entries: TableEntry[] = [];
  type Item = { lines: string[]; page: number; last: Line };
  let items: Item[][] = parties.map(() => []);
  let lastGroup: Extract<TableEntry, { kind: "group" }> | null = null;
  const flush = () => {
    items.forEach((column, k) => {
      for (const item of column)
        entries.push({ kind: "row", cells: { texte: item.lines, porteur: [parties[k] as string] }, page: item.page });
    });
    items = parties.map(() => []);
  };
  for (const part of parts) {
    if ("group" in part) {
      flush();
      lastGroup = groupRow(entries, lastGroup, part.group);
      continue;
    }
    lastGroup = null;
    const { column: k, line } = part;
    const column = items[k] as Item[];
    const current = column[column.length - 1];
    const starts =
      !current ||
      (bulleted[k]
        ? BULLET_START.test(line.text)
        : line.page !== current.last.page
          ? !/^\p{Ll}/u.test(line.text)
          : line.baseline - current.last.baseline > 1.3 * (pitch[k] as number));
    if (starts || !current) column.push({ lines: [line.text.replace(BULLET_START, "")], page: line.page, last: line });
    else {
      current.lines.push(line.text);
      current.last = line;
    }
  }
  flush();
  return entries;
}

/** A row across the columns: a new group, or the next line of the group above ("Axe 2 – …" starts one). */
function groupRow(
  entries: TableEntry[],
  lastGroup: Extract<TableEntry, { kind: "group" }> | null,
  row: Line,
): Extract<TableEntry, { kind: "group" }> {
  if (lastGroup && !/^axe\b/i.test(row.text)) {
    lastGroup.lines.push(row.text);
    return lastGroup;
  }
  const group: Extract<TableEntry, { kind: "group" }> = { kind: "group", lines: [row.text], page: row.page };
  entries.push(group);
  return group;
}

/** Usual distance between two lines of one cell. */
function cellPitch(segments: Segment[]): number {
  const deltas: number[] = [];
  for (const s of segments) {
    for (let k = 1; k < s.rows.length; k++) {
      const d = (s.rows[k] as Line).baseline - (s.rows[k - 1] as Line).baseline;
      if (d > 0) deltas.push(d);
    }
  }
  deltas.sort((a, b) => a - b);
  return deltas[0] ?? 12;
}

/** A row whose text runs across column boundaries (a group row such as "Axe 2 – …"). */
function spans(row: Line, cuts: number[]): boolean {
  return row.frags.some((f) => cuts.some((c) => f.x0 < c - 3 && f.x1 > c + 3));
}
