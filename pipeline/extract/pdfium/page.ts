/**
 * One PDFium page → PageText, cut into runs the way pdf.js cuts its text items (evaluator.js,
 * getTextContent), measured on the same quantities (glyph origin, advance width, font size), so that
 * the layout rules downstream see the same fragments whichever engine read the page.
 */
import type { PageText, PositionedText } from "../../types.ts";
import { dominantTurn } from "../turn.ts";
import type { Heap, PdfiumApi } from "./wasm.ts";

/** A run in PDF user space: baseline origin, unit writing direction, advance along it. */
interface Run {
  str: string;
  x: number;
  y: number;
  ux: number;
  uy: number;
  width: number;
  size: number;
  font: string;
}

/** What every character of one text object shares. */
interface TextState {
  fontSize: number;
  /** Size on the page, as pdf.js's item height: the font size through the text matrix's vertical axis. */
  size: number;
  ux: number;
  uy: number;
  horizontal: boolean;
  /** Identity of the font within the document (pdf.js's loaded font id plays this part). */
  fontId: string;
  /** pdf.js cuts a run when the font's name changes, not when the same font is selected again. */
  fontName: string;
}

export interface PageReader {
  api: PdfiumApi;
  heap: Heap;
  /** 256 bytes for out-parameters. */
  scratch: number;
  fontName(font: number): string;
}

// pdf.js text-run thresholds, in font sizes.
const TRACKING_SPACE = 0.102; // closer than this: letter tracking, no space
const NOT_A_SPACE = 0.03; // closer than this: even a space glyph does not separate words
const NEGATIVE_SPACE = -0.2; // further back than this: a new run
const SPACE_IN_FLOW_MAX = 0.6; // further than this: a new run (column gap, tab stop)
const VERTICAL_SHIFT = 0.25; // baseline moves more than this: a new run

// pdf.js folds these into plain letters and spaces (NFKC of ligatures, no-break and fixed-width spaces…).
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const normalize = (s: string): string =>
  s.replace(NORMALIZE, (_, folded: string | undefined) => (folded ? folded.normalize("NFKC") : "ſt"));
/** PDFium marks a hyphen ending a line (U+002D or U+00AD in the file) as 0x02; both print as "-". */
const HYPHEN_AT_EOL = 0x02;

/** How pdf.js treats a character (its getCharUnicodeCategory). */
enum Kind {
  Glyph,
  /** Whitespace: moves the pen, never printed. */
  Space,
  /** Combining mark: printed, does not move the pen. */
  Mark,
  /** Format character (soft hyphen, zero-width joiner…): dropped. */
  Invisible,
}
const kinds = new Map<number, Kind>();
function kindOf(code: number): Kind {
  if (code > 0x20 && code < 0x7f) return Kind.Glyph;
  let kind = kinds.get(code);
  if (kind === undefined) {
    const ch = String.fromCodePoint(code);
    kind = /^\s/u.test(ch)
      ? Kind.Space
      : /^\p{Mn}$/u.test(ch)
        ? Kind.Mark
        : /^\p{Cf}$/u.test(ch)
          ? Kind.Invisible
          : Kind.Glyph;
    kinds.set(code, kind);
  }
  return kind;
}

/** Code points → string, in slices (spreading a whole pathological run could overflow the call stack). */
function codesToString(codes: number[]): string {
  let out = "";
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCodePoint(...codes.slice(k, k + 4096));
  return out;
}

/**
 * One page in viewport space (top-left origin, points). When most text runs sideways (a landscape
 * table drawn on a portrait page), the page is turned so that this text reads horizontally.
 */
export function pageText(reader: PageReader, page: number, pageNumber: number): PageText {
  const { api, heap, scratch } = reader;
  // Visible area: crop box ∩ media box, as pdf.js's page.view. FS_RECTF is left, top, right, bottom.
  api.FPDF_GetPageBoundingBox(page, scratch);
  heap.refresh();
  const q = scratch >> 2;
  const f = heap.f32;
  const view: [number, number, number, number] = [f[q] ?? 0, f[q + 3] ?? 0, f[q + 2] ?? 0, f[q + 1] ?? 0];
  const runs = pageRuns(reader, page, view);

  const turn = dominantTurn(runs.map((r) => ({ dx: r.ux, dy: r.uy, length: r.str.length })));
  const vp = viewport(view, turn);
  const [va, vb, vc, vd, ve, vf] = vp.transform;
  const items: PositionedText[] = [];
  for (const r of runs) {
    // Direction of the run through the viewport: pdf.js's item transform, scaled to 1.
    const a = va * r.ux + vc * r.uy;
    const b = vb * r.ux + vd * r.uy;
    if (Math.abs(b) > Math.abs(a) * 0.2 || a < 0) continue; // still not horizontal: margin stamps, vertical labels
    if (!(r.size > 0)) continue;
    const x = va * r.x + vc * r.y + ve;
    const y = vb * r.x + vd * r.y + vf;
    const width = r.width > 0 ? r.width : r.size * 0.5 * r.str.length;
    items.push({ str: r.str, x, y: y - r.size, width, height: r.size, fontName: r.font });
  }
  return { page: pageNumber, width: vp.width, height: vp.height, items, source: "text-layer" };
}

/** The page's characters in content-stream order, grouped into runs in PDF user space. */
function pageRuns(reader: PageReader, page: number, view: readonly number[]): Run[] {
  const { api, heap, scratch: s } = reader;
  const tp = api.FPDFText_LoadPage(page);
  if (!tp) return [];
  const runs: Run[] = [];
  try {
    heap.refresh();
    const n = api.FPDFText_CountChars(tp);
    const [left = 0, bottom = 0, right = 0, top = 0] = view;
    const d = s >> 3; // FPDFText_GetCharOrigin writes two doubles at s
    const r = (s + 16) >> 2; // FPDFText_GetLooseCharBox writes an FS_RECTF at s + 16
    let run: Run | null = null;
    let codes: number[] = [];
    let textObject = 0;
    let st: TextState | null = null;
    // End of the previous drawn glyph (the pen after its advance): pdf.js measures gaps from there.
    let lastX = 0;
    let lastY = 0;
    // Origin of the previous glyph: a ligature mapped to several letters gives characters sharing it.
    let lastOx = Number.NaN;
    let lastOy = Number.NaN;
    let lastSt: TextState | null = null;
    let spaceSeen = false; // a space glyph was drawn since the previous glyph

    const flush = () => {
      if (run) {
        run.str = normalize(codesToString(codes));
        runs.push(run);
      }
      run = null;
      codes = [];
    };

    for (let i = 0; i < n; i++) {
      const o = api.FPDFText_GetTextObject(tp, i);
      if (!o) continue; // line breaks PDFium infers: pdf.js's own rules below decide
      let code = api.FPDFText_GetUnicode(tp, i);
      if (code === 0) continue;
      if (code === HYPHEN_AT_EOL) code = 0x2d;
      const kind = kindOf(code);
      if (kind === Kind.Invisible) continue;
      if (kind === Kind.Space) {
        // Only a space drawn in the file counts; PDFium's inferred spaces may carry a text object too.
        if (!api.FPDFText_IsGenerated(tp, i)) spaceSeen = true;
        continue;
      }
      if (o !== textObject || !st) {
        textObject = o;
        st = textState(reader, tp, i);
      }
      api.FPDFText_GetCharOrigin(tp, i, s, s + 8);
      const ox = heap.f64[d] ?? 0;
      const oy = heap.f64[d + 1] ?? 0;
      // Letters of one ligature share an origin; combining marks do not move the pen (pdf.js gives them no width).
      if (run && ((ox === lastOx && oy === lastOy && st === lastSt) || kind === Kind.Mark)) {
        codes.push(code);
        continue;
      }
      // Advance width: the loose box spans origin → origin + advance along the writing direction
      // (character spacing excluded, as pdf.js's glyph width), as an axis-aligned page rectangle.
      api.FPDFText_GetLooseCharBox(tp, i, s + 16);
      const f = heap.f32;
      const advance = st.horizontal
        ? (st.ux >= 0 ? (f[r + 2] ?? 0) - ox : ox - (f[r] ?? 0)) / Math.abs(st.ux)
        : (st.uy >= 0 ? (f[r + 1] ?? 0) - oy : oy - (f[r + 3] ?? 0)) / Math.abs(st.uy);
      // pdf.js drops glyphs drawn outside the visible area.
      if (ox + advance * Math.abs(st.ux) < left || ox > right || oy < bottom || oy > top) continue;

      if (run && lastSt && (st.fontSize !== lastSt.fontSize || st.fontName !== lastSt.fontName)) flush();
      let space = false;
      if (lastSt) {
        // Gap along the writing direction and baseline shift, in the previous glyph's frame, in font sizes.
        const dx = ox - lastX;
        const dy = oy - lastY;
        const along = (dx * lastSt.ux + dy * lastSt.uy) / lastSt.size;
        const across = Math.abs(dy * lastSt.ux - dx * lastSt.uy) / lastSt.size;
        if (along < NEGATIVE_SPACE || across > 1) flush();
        else if (along <= TRACKING_SPACE) {
          // Tight: letters of one word, unless a space glyph was drawn (then pdf.js starts a new run).
          if (spaceSeen && along > NOT_A_SPACE) flush();
        } else if (along <= SPACE_IN_FLOW_MAX) space = true;
        else flush();
        if (across > VERTICAL_SHIFT) {
          if (space && run) codes.push(0x20);
          space = false;
          flush();
        }
      }
      if (!run) run = { str: "", x: ox, y: oy, ux: st.ux, uy: st.uy, width: 0, size: st.size, font: st.fontId };
      else if (space) codes.push(0x20);
      codes.push(code);
      lastX = ox + advance * st.ux;
      lastY = oy + advance * st.uy;
      run.width = (lastX - run.x) * run.ux + (lastY - run.y) * run.uy;
      lastOx = ox;
      lastOy = oy;
      lastSt = st;
      spaceSeen = false;
    }
    flush();
  } finally {
    api.FPDFText_ClosePage(tp);
  }
  return runs;
}

function textState(reader: PageReader, tp: number, i: number): TextState {
  const { api, heap, scratch: s } = reader;
  api.FPDFText_GetMatrix(tp, i, s);
  const q = s >> 2;
  const [a = 1, b = 0, c = 0, d = 1] = heap.f32.subarray(q, q + 4);
  const fontSize = api.FPDFText_GetFontSize(tp, i);
  const len = Math.hypot(a, b) || 1;
  const font = api.FPDFTextObj_GetFont(api.FPDFText_GetTextObject(tp, i));
  const fontName = font ? reader.fontName(font) : ""; // may allocate
  heap.refresh();
  return {
    fontSize,
    size: fontSize * Math.hypot(c, d),
    ux: a / len,
    uy: b / len,
    horizontal: Math.abs(a) >= Math.abs(b),
    fontId: `f${font}`,
    fontName,
  };
}

/** pdf.js's PageViewport at scale 1: PDF user space → top-left-origin space turned by `rotation`. */
function viewport(view: readonly number[], rotation: number) {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const [ra, rb, rc, rd] = ROTATIONS[rotation] ?? ROTATIONS[0];
  const sideways = ra === 0;
  const offX = sideways ? Math.abs(cy - y0) : Math.abs(cx - x0);
  const offY = sideways ? Math.abs(cx - x0) : Math.abs(cy - y0);
  return {
    transform: [ra, rb, rc, rd, offX - ra * cx - rc * cy, offY - rb * cx - rd * cy] as const,
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
  };
}

const ROTATIONS: Record<number, readonly [number, number, number, number]> & {
  0: readonly [number, number, number, number];
} = { 0: [1, 0, 0, -1], 90: [0, 1, 1, 0], 180: [-1, 0, 0, 1], 270: [0, -1, -1, 0] };
