import { createHash } from "node:crypto";
import { FetchError } from "./fetch-error.ts";

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Leading whitespace tolerated before `%PDF-`. */
const MAX_LEADING = 1024;

/** Whether bytes start like a PDF (`%PDF-`, optionally after whitespace), or more bytes are needed to tell. */
export function sniffPdf(prefix: Uint8Array): "pdf" | "not-pdf" | "need-more" {
  let i = 0;
  while (i < prefix.length && i < MAX_LEADING && WHITESPACE.has(prefix[i] as number)) i++;
  if (i >= MAX_LEADING) return "not-pdf";
  for (let k = 0; k < MAGIC.length; k++) {
    if (i + k >= prefix.length) return "need-more";
    if (prefix[i + k] !== MAGIC[k]) return "not-pdf";
  }
  return "pdf";
}

/**
 * Hashes and measures a body chunk by chunk, and rejects it as soon as its first bytes show it is
 * not a PDF (an HTML error page served with status 200), whatever its Content-Type says.
 */
export class PdfBodyCheck {
  private readonly hash = createHash("sha256");
  private prefix = Buffer.alloc(0);
  private verdict: ReturnType<typeof sniffPdf> = "need-more";
  size = 0;

  constructor(private readonly what: string) {}

  push(chunk: Uint8Array): void {
    if (this.verdict === "need-more") {
      this.prefix = Buffer.concat([this.prefix, chunk]).subarray(0, MAX_LEADING + MAGIC.length);
      this.verdict = sniffPdf(this.prefix);
      if (this.verdict === "not-pdf") throw this.notPdf();
    }
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** The digest of a complete body; throws `not-a-pdf` for an empty or too short one. */
  finish(): { sha256: string; size: number } {
    if (this.verdict !== "pdf") throw this.notPdf();
    return { sha256: this.hash.digest("hex"), size: this.size };
  }

  private notPdf(): FetchError {
    const start = this.prefix
      .subarray(0, 16)
      .toString("latin1")
      .replace(/[^\x20-\x7e]/g, "·");
    const seen = this.prefix.length === 0 ? "it is empty" : `it starts with "${start}"`;
    return new FetchError("not-a-pdf", `${this.what} is not a PDF: ${seen}`);
  }
}
