import type { Diagnostic } from "./types.ts";

/** An error that stops a stage, carrying where and why. */
export class PipelineError extends Error {
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic, options?: { cause?: unknown }) {
    super(formatDiagnostic(diagnostic), options);
    this.name = "PipelineError";
    this.diagnostic = diagnostic;
  }
}

/** `fetch: Accord.pdf p.3 [http-status] …` — one line naming the stage, document, page and rule. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.document, d.page === undefined ? undefined : `p.${d.page}`, d.field].filter(Boolean).join(" ");
  return `${d.stage}: ${where ? `${where} ` : ""}[${d.code}] ${d.message}`;
}
