/**
 * What a page paints besides text, read from its pdfjs operator list: how much of the page images
 * cover (a scan is one image over the whole page) and how many vector paths it draws.
 */
import { OPS, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PageInk } from "./decide.ts";

type Matrix = [number, number, number, number, number, number];

export interface OperatorListLike {
  fnArray: readonly number[];
  argsArray: readonly unknown[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: readonly number[]): Matrix => {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = n;
  return [
    m[0] * a + m[2] * b,
    m[1] * a + m[3] * b,
    m[0] * c + m[2] * d,
    m[1] * c + m[3] * d,
    m[0] * e + m[2] * f + m[4],
    m[1] * e + m[3] * f + m[5],
  ];
};

const isMatrix = (v: unknown): v is ArrayLike<number> =>
  !!v && typeof v === "object" && "length" in v && (v as ArrayLike<number>).length === 6;

/** Area of the unit square under `m`, clipped to the page box (x0, y0, x1, y1), as a share of the page. */
function unitSquareShare(m: Matrix, view: readonly number[]): number {
  const [vx0 = 0, vy0 = 0, vx1 = 0, vy1 = 0] = view;
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  const w = Math.min(Math.max(...xs), vx1) - Math.max(Math.min(...xs), vx0);
  const h = Math.min(Math.max(...ys), vy1) - Math.max(Math.min(...ys), vy0);
  const pageArea = (vx1 - vx0) * (vy1 - vy0);
  return w > 0 && h > 0 && pageArea > 0 ? (w * h) / pageArea : 0;
}

/** Images are drawn into the unit square of the current transformation matrix. */
const UNIT_SQUARE_IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintSolidColorImageMask,
]);

/** Pure: the ink of a page from its operator list and its view box (`page.view`, PDF user space). */
export function inkFromOperatorList(ops: OperatorListLike, view: readonly number[]): PageInk {
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let imageCoverage = 0;
  let pathCount = 0;
  ops.fnArray.forEach((fn, i) => {
    const args = (ops.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (isMatrix(args[0])) ctm = multiply(ctm, Array.from(args[0]));
        break;
      case OPS.paintImageXObjectRepeat: {
        // [objId, scaleX, scaleY, positions]: the same image drawn at several places.
        const [, sx, sy, positions] = args as [unknown, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < (positions?.length ?? 0); k += 2) {
          imageCoverage += unitSquareShare(
            multiply(ctm, [sx, 0, 0, sy, positions[k] ?? 0, positions[k + 1] ?? 0]),
            view,
          );
        }
        break;
      }
      case OPS.constructPath:
        pathCount++;
        break;
      default:
        if (UNIT_SQUARE_IMAGES.has(fn)) imageCoverage += unitSquareShare(ctm, view);
    }
  });
  return { imageCoverage: Math.min(1, imageCoverage), pathCount };
}

/** The ink of a pdfjs page, from its drawing operators. */
export async function readPageInk(page: PDFPageProxy): Promise<PageInk> {
  return inkFromOperatorList(await page.getOperatorList(), page.view);
}
