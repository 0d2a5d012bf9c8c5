/**
 * How the extract stage opens a PDF with pdf.js (the text reader of last resort, the OCR renderer):
 * no eval, no font faces, CMaps, standard fonts and wasm read from the package, never the network.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const dir = (name: string): string => `${path.join(root, name)}${path.sep}`;

/** The loading task of `bytes` (a copy: pdf.js detaches the buffer it is given). */
export function openWithPdfJs(bytes: Uint8Array) {
  return getDocument({
    data: bytes.slice(),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: dir("cmaps"),
    cMapPacked: true,
    standardFontDataUrl: dir("standard_fonts"),
    wasmUrl: dir("wasm"),
  });
}
