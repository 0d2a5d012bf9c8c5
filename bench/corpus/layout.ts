/**
 * A small page-layout engine on top of pdfkit: it breaks lines itself (with optional French-style
 * hyphenation and justification) and places every line explicitly, so that page breaks, running
 * headers/footers ("Page n/N") and tables that cross a page break are under our control and
 * identical on every machine.
 */
import PDFDocument from "pdfkit";

export type FontRole = "regular" | "bold" | "italic";
export type Family = "Helvetica" | "Times";

const FONTS: Record<Family, Record<FontRole, string>> = {
  Helvetica: { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" },
  Times: { regular: "Times-Roman", bold: "Times-Bold", italic: "Times-Italic" },
};

export interface Run {
  text: string;
  font?: FontRole;
}

export interface ParagraphStyle {
  size?: number;
  font?: FontRole;
  align?: "left" | "justify" | "center" | "right";
  /** Left indent of every line, in points. */
  indent?: number;
  /** Extra indent of the lines after the first (hanging indent). */
  hang?: number;
  /** Break long words at syllables with a hyphen when the line is full. */
  hyphenate?: boolean;
  before?: number;
  after?: number;
  /** Lines of the following block that must fit on the same page (headings). */
  keepWithNext?: number;
}

export interface Column {
  width: number;
  align?: "left" | "center" | "right";
}

/** What the running header/footer of a page shows; drawn once the page count is known. */
export type Frame = (page: PageLayout, pageNumber: number, pageCount: number) => void;

interface Token {
  text: string;
  font: FontRole;
  width: number;
}

export interface LayoutOptions {
  family: Family;
  size: number;
  margins: { top: number; bottom: number; left: number; right: number };
  info: { Title: string; Author: string; Subject: string; CreationDate: Date };
  frame: Frame;
}

const VOWELS = /[aeiouyàâäéèêëîïôöùûüœ]/i;
const LETTERS = /^[\p{L}’']+$/u;

export class PageLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly family: Family;
  readonly size: number;
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  y: number;
  pages = 1;
  /** Called after each automatic page break (tables repeat their header row). */
  private onBreak: (() => void) | null = null;
  private readonly frame: Frame;
  private readonly chunks: Buffer[] = [];
  private readonly widths = new Map<string, number>();

  constructor(options: LayoutOptions) {
    const { margins } = options;
    this.doc = new PDFDocument({ size: "A4", margins, bufferPages: true, info: options.info, compress: true });
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.family = options.family;
    this.size = options.size;
    this.frame = options.frame;
    this.left = margins.left;
    this.width = this.doc.page.width - margins.left - margins.right;
    this.top = margins.top;
    this.bottom = this.doc.page.height - margins.bottom;
    this.y = this.top;
  }

  get pageWidth(): number {
    return this.doc.page.width;
  }

  get pageHeight(): number {
    return this.doc.page.height;
  }

  lineHeight(size = this.size): number {
    return size * 1.3;
  }

  useFont(role: FontRole, size = this.size): this {
    this.doc.font(FONTS[this.family][role]).fontSize(size);
    return this;
  }

  /** Measuring dominates generation time, and the same words come back all the time. */
  textWidth(text: string, role: FontRole = "regular", size = this.size): number {
    const key = `${role}|${size}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.useFont(role, size).doc.widthOfString(text);
      this.widths.set(key, width);
    }
    return width;
  }

  newPage(): void {
    this.doc.addPage();
    this.pages++;
    this.y = this.top;
    this.onBreak?.();
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  space(height: number): void {
    this.y = Math.min(this.y + height, this.bottom);
  }

  /** Draws `text` on one line at (x, y) without any wrapping or page break. */
  put(text: string, x: number, y: number, role: FontRole = "regular", size = this.size, wordSpacing = 0): void {
    this.useFont(role, size);
    this.doc.text(text, x, y, { lineBreak: false, ...(wordSpacing ? { wordSpacing } : {}) });
  }

  rule(x1: number, x2: number, y: number, thickness = 0.5): void {
    this.doc.save().lineWidth(thickness).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  paragraph(content: string | Run[], style: ParagraphStyle = {}): void {
    const size = style.size ?? this.size;
    const runs = typeof content === "string" ? [{ text: content, font: style.font ?? "regular" }] : content;
    const indent = style.indent ?? 0;
    const hang = style.hang ?? 0;
    const lines = this.breakLines(
      this.tokens(runs, style.font ?? "regular", size),
      size,
      [this.width - indent, this.width - indent - hang],
      style.hyphenate ?? false,
    );
    const lh = this.lineHeight(size);
    if (style.before) this.space(style.before);
    this.ensure(lh * Math.min(lines.length, 2) + (style.keepWithNext ?? 0) * this.lineHeight());
    const space = this.textWidth(" ", "regular", size);
    lines.forEach((line, i) => {
      this.ensure(lh);
      const x = this.left + indent + (i > 0 ? hang : 0);
      const avail = this.width - indent - (i > 0 ? hang : 0);
      const natural = lineWidth(line, space);
      const justify = style.align === "justify" && i < lines.length - 1 && line.length > 1;
      const extra = justify ? (avail - natural) / (line.length - 1) : 0;
      const shift = style.align === "center" ? (avail - natural) / 2 : style.align === "right" ? avail - natural : 0;
      this.drawLine(line, x + shift, size, space, extra);
      this.y += lh;
    });
    if (style.after) this.space(style.after);
  }

  /** The lines `text` takes in a box `width` wide (for table cells). */
  wrap(text: string, width: number, role: FontRole = "regular", size = this.size, hyphenate = false): string[] {
    return this.breakLines(this.tokens([{ text, font: role }], role, size), size, [width, width], hyphenate).map(
      (line) => line.map((t) => t.text).join(" "),
    );
  }

  /**
   * A table whose rows may cross a page break: the header row is repeated at the top of the next
   * page and the row goes on where it stopped.
   */
  table(columns: Column[], header: string[], rows: { cells: string[]; span?: boolean }[], size = this.size): void {
    const lh = this.lineHeight(size);
    const x0 = this.left;
    const tableWidth = columns.reduce((s, c) => s + c.width, 0);
    const pad = 3;
    const drawRow = (cells: string[][], role: FontRole, line: number) => {
      let x = x0;
      columns.forEach((col, c) => {
        const text = cells[c]?.[line] ?? "";
        const w = text ? this.textWidth(text, role, size) : 0;
        const inner = col.width - 2 * pad;
        const dx = col.align === "right" ? inner - w : col.align === "center" ? (inner - w) / 2 : 0;
        if (text) this.put(text, x + pad + dx, this.y, role, size);
        x += col.width;
      });
    };
    const headerCells = header.map((h, c) => this.wrap(h, (columns[c]?.width ?? 0) - 2 * pad, "bold", size));
    const headerLines = Math.max(...headerCells.map((c) => c.length));
    const drawHeader = () => {
      for (let i = 0; i < headerLines; i++) {
        drawRow(headerCells, "bold", i);
        this.y += lh;
      }
      this.rule(x0, x0 + tableWidth, this.y - 2);
      this.y += 2;
    };
    this.ensure(lh * (headerLines + 3));
    drawHeader();
    this.onBreak = drawHeader;
    try {
      for (const row of rows) {
        if (row.span) {
          const lines = this.wrap(row.cells[0] ?? "", tableWidth - 2 * pad, "bold", size);
          this.ensure(lh * (lines.length + 1));
          for (const text of lines) {
            this.put(text, x0 + pad, this.y, "bold", size);
            this.y += lh;
          }
          continue;
        }
        const cells = row.cells.map((text, c) => this.wrap(text, (columns[c]?.width ?? 0) - 2 * pad, "regular", size));
        const height = Math.max(...cells.map((c) => c.length));
        for (let i = 0; i < height; i++) {
          this.ensure(lh);
          drawRow(cells, "regular", i);
          this.y += lh;
        }
        this.y += 2;
      }
    } finally {
      this.onBreak = null;
    }
    this.rule(x0, x0 + tableWidth, this.y);
    this.space(lh);
  }

  /** Two blocks of centred lines side by side (signatures). */
  sideBySide(left: string[], right: string[], size = this.size): void {
    const lh = this.lineHeight(size);
    const rows = Math.max(left.length, right.length);
    this.ensure(lh * rows);
    const half = this.width / 2;
    for (let i = 0; i < rows; i++) {
      [left[i], right[i]].forEach((text, side) => {
        if (!text) return;
        const lines = this.wrap(text, half - 10, "regular", size);
        const first = lines[0] ?? "";
        this.put(
          first,
          this.left + side * half + (half - this.textWidth(first, "regular", size)) / 2,
          this.y,
          "regular",
          size,
        );
      });
      this.y += lh;
    }
  }

  /** Draws the running header/footer on every page and returns the PDF bytes. */
  async finish(): Promise<{ bytes: Buffer; pages: number }> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.frame(this, i + 1, range.count);
    }
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on("end", resolve);
      this.doc.on("error", reject);
    });
    this.doc.end();
    await done;
    return { bytes: Buffer.concat(this.chunks), pages: range.count };
  }

  private tokens(runs: Run[], fallback: FontRole, size: number): Token[] {
    const out: Token[] = [];
    for (const run of runs) {
      const font = run.font ?? fallback;
      for (const word of run.text.split(/ +/)) {
        if (word) out.push({ text: word, font, width: this.textWidth(word, font, size) });
      }
    }
    return out;
  }

  private breakLines(tokens: Token[], size: number, widths: [number, number], hyphenate: boolean): Token[][] {
    const space = this.textWidth(" ", "regular", size);
    const lines: Token[][] = [];
    let line: Token[] = [];
    let used = 0;
    const avail = () => (lines.length === 0 ? widths[0] : widths[1]);
    const queue = [...tokens];
    while (queue.length) {
      const tok = queue.shift() as Token;
      const gap = line.length ? space : 0;
      if (used + gap + tok.width <= avail() || line.length === 0) {
        if (line.length === 0 && tok.width > avail() && hyphenate) {
          const split = this.splitWord(tok, avail(), size);
          if (split) {
            line.push(split[0]);
            lines.push(line);
            line = [];
            used = 0;
            queue.unshift(split[1]);
            continue;
          }
        }
        line.push(tok);
        used += gap + tok.width;
        continue;
      }
      const split = hyphenate ? this.splitWord(tok, avail() - used - gap, size) : null;
      if (split) line.push(split[0]);
      lines.push(line);
      line = [];
      used = 0;
      queue.unshift(split ? split[1] : tok);
    }
    if (line.length) lines.push(line);
    return lines;
  }

  /** The longest head of `tok` that fits in `room` with its hyphen: at a real hyphen, else between syllables. */
  private splitWord(tok: Token, room: number, size: number): [Token, Token] | null {
    const text = tok.text;
    const bare = text.replace(/[.,;:»)]+$/, "");
    const syllables = LETTERS.test(bare.replace(/-/g, ""));
    for (let i = bare.length - 3; i >= 3; i--) {
      let head: string | null = null;
      if (text[i - 1] === "-") head = text.slice(0, i);
      else if (syllables && isSyllableBreak(text, i)) head = `${text.slice(0, i)}-`;
      if (head === null) continue;
      const width = this.textWidth(head, tok.font, size);
      if (width > room) continue;
      const tail = text.slice(i);
      return [
        { text: head, font: tok.font, width },
        { text: tail, font: tok.font, width: this.textWidth(tail, tok.font, size) },
      ];
    }
    return null;
  }

  private drawLine(line: Token[], x: number, size: number, space: number, extra: number): void {
    let cursor = x;
    let i = 0;
    while (i < line.length) {
      const font = (line[i] as Token).font;
      const segment: Token[] = [];
      while (i < line.length && (line[i] as Token).font === font) segment.push(line[i++] as Token);
      const text = segment.map((t) => t.text).join(" ");
      this.put(text, cursor, this.y, font, size, extra);
      cursor += lineWidth(segment, space) + extra * (segment.length - 1) + space + extra;
    }
  }
}

/** Vowel | consonant-vowel: "déve-loppement", never inside an elision ("qu’il"). */
function isSyllableBreak(text: string, i: number): boolean {
  const [before, here, after] = [text[i - 1] ?? "", text[i] ?? "", text[i + 1] ?? ""];
  return VOWELS.test(before) && /\p{L}/u.test(here) && !VOWELS.test(here) && VOWELS.test(after);
}

function lineWidth(line: Token[], space: number): number {
  return line.reduce((sum, t) => sum + t.width, 0) + space * Math.max(0, line.length - 1);
}
