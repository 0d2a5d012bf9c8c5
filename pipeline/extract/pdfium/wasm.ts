/**
 * The PDFium WebAssembly module (@embedpdf/pdfium): loaded once per thread and shared by every
 * document read in it. Its raw exports are called directly: this build has Emscripten assertions on,
 * and its wrappers would cost more than PDFium itself in the per-character loop.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The PDFium functions the reader calls (fpdfview.h, fpdf_text.h, fpdf_edit.h, fpdf_doc.h); pointers are numbers. */
export interface PdfiumApi {
  /** The module's linear memory (its buffer is replaced when it grows). */
  memory: { buffer: ArrayBufferLike };
  malloc(size: number): number;
  free(pointer: number): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDF_GetMetaText(doc: number, tag: number, buffer: number, length: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFTextObj_GetFont(textObject: number): number;
  FPDFFont_GetBaseFontName(font: number, buffer: number, length: number): number;
}

export interface Pdfium {
  api: PdfiumApi;
  /** 256 bytes the reader uses for the out-parameters of PDFium calls. */
  scratch: number;
}

let loading: Promise<Pdfium> | null = null;

export function loadPdfium(): Promise<Pdfium> {
  loading ??= (async () => {
    const { init } = await import("@embedpdf/pdfium");
    const wasm = await readFile(createRequire(import.meta.url).resolve("@embedpdf/pdfium/pdfium.wasm"));
    const module = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) });
    module.PDFiumExt_Init();
    const api = module.pdfium.wasmExports as unknown as PdfiumApi;
    return { api, scratch: api.malloc(256) };
  })();
  return loading;
}

/** Forgets the instance (after a trap: a PDFium bug, WebAssembly memory exhausted); the next call loads a new one. */
export function discardPdfium(): void {
  loading = null;
}

/**
 * Typed views over the WebAssembly heap. Growing the memory detaches the old buffer, so the views are
 * renewed after every call that may allocate (loading a page, malloc); the per-character getters do
 * not allocate, which keeps the hot loop free of checks.
 */
export class Heap {
  private buffer: ArrayBuffer | null = null;
  f64 = new Float64Array(0);
  f32 = new Float32Array(0);
  u8 = new Uint8Array(0);

  constructor(private readonly api: PdfiumApi) {
    this.refresh();
  }

  refresh(): void {
    const buffer = this.api.memory.buffer as ArrayBuffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.f64 = new Float64Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.u8 = new Uint8Array(buffer);
  }
}
