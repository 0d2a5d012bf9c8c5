/**
 * One PDF page → a greyscale bitmap for tesseract, through pdfjs-dist and @napi-rs/canvas.
 * The bitmap is a binary PGM (P5): tesseract's leptonica reads it as is, and encoding it costs
 * nothing, unlike a PNG.
 */
import { createCanvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { GreyImage } from "./bold.ts";

export interface RenderedPage {
  /** PGM (P5) bytes, for tesseract. */
  pgm: Uint8Array;
  /** The same pixels, for measuring ink. */
  grey: GreyImage;
  /** Pixels per PDF point. */
  scale: number;
  /** Page size in points, as PageText reports it (rotation applied). */
  width: number;
  height: number;
}

type RenderParams = Parameters<Awaited<ReturnType<PDFDocumentProxy["getPage"]>>["render"]>[0];

/** Luma of RGBA pixels (ITU-R BT.601 weights) as a PGM file. */
export function rgbaToPgm(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const data = new Uint8Array(header.length + width * height);
  data.set(header);
  for (let i = 0, o = header.length; i < width * height; i++, o++) {
    const p = i * 4;
    data[o] = ((rgba[p] ?? 255) * 299 + (rgba[p + 1] ?? 255) * 587 + (rgba[p + 2] ?? 255) * 114 + 500) / 1000;
  }
  return { data, offset: header.length, width, height };
}

export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const scale = dpi / 72;
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale });
    const widthPx = Math.ceil(viewport.width);
    const heightPx = Math.ceil(viewport.height);
    const canvas = createCanvas(widthPx, heightPx);
    const context = canvas.getContext("2d");
    // Scans often rely on a white page behind a transparent or masked image.
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, widthPx, heightPx);
    await page.render({
      canvas: canvas as unknown as RenderParams["canvas"],
      canvasContext: context as unknown as RenderParams["canvasContext"],
      viewport,
    }).promise;
    const { data } = context.getImageData(0, 0, widthPx, heightPx);
    const grey = rgbaToPgm(data, widthPx, heightPx);
    return { pgm: grey.data, grey, scale, width: base.width, height: base.height };
  } finally {
    page.cleanup();
  }
}
