import type { PublishOutcome } from "../publish/target.ts";
import type { ChangeSummary, Diagnostic, OcrPage, Stage } from "../types.ts";

export type DocumentStatus = "extracted" | "cached" | "rejected";

export interface DocumentReport {
  file: string;
  url: string;
  status: DocumentStatus;
  /** The body was downloaded in this run (false: 304 or unchanged local file). */
  downloaded: boolean;
  sha256: string | null;
  bytes: number | null;
  engagements: number | null;
  /** Pages read by OCR, with the mean OCR confidence (0..100). */
  ocrPages: OcrPage[];
  /** Ranks (the `id_engagement` suffix) of the commitments that start on an OCR'd page. */
  engagementsFromOcr: number[];
  /** For rejected documents: where and why. */
  error: Diagnostic | null;
  warnings: Diagnostic[];
}

export type DatasetStatus = "published" | "unchanged" | "would-publish" | "held" | "failed";

export interface DatasetReport {
  slug: string;
  status: DatasetStatus;
  sources: string[];
  documents: DocumentReport[];
  /** Agreements whose previous records were kept because their document was rejected. */
  kept: string[];
  changes: ChangeSummary | null;
  written: string[];
  removed: string[];
  /** Git targets: the pull request this run created, updated, left or closed. */
  pullRequest: PublishOutcome["pullRequest"] | null;
  messages: string[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface RunReport {
  tool: string;
  target: "local" | "github";
  dryRun: boolean;
  exitCode: ExitCode;
  datasets: DatasetReport[];
  errors: Diagnostic[];
}

/** Documented in the README. */
export const ExitCode = {
  done: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  held: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeOf(datasets: DatasetReport[], errors: Diagnostic[]): ExitCode {
  if (errors.some((e) => e.stage === "config")) return ExitCode.usage;
  if (errors.length || datasets.some((d) => d.status === "failed")) return ExitCode.failed;
  if (datasets.some((d) => d.status === "held")) return ExitCode.held;
  if (datasets.some((d) => d.documents.some((doc) => doc.status === "rejected"))) return ExitCode.partial;
  return ExitCode.done;
}

export function failure(stage: Stage, code: string, message: string): Diagnostic {
  return { stage, code, message };
}

/** The end-of-run summary a person reads. */
export function summaryLines(report: RunReport): string[] {
  const lines: string[] = [];
  for (const d of report.datasets) {
    const count = (s: DocumentStatus) => d.documents.filter((doc) => doc.status === s).length;
    lines.push(
      `${d.slug}: ${d.status} — ${d.documents.length} document(s): ${count("extracted")} extracted, ${count("cached")} cached, ${count("rejected")} rejected`,
    );
    for (const doc of d.documents) {
      if (doc.error) lines.push(`  rejected ${doc.file}: [${doc.error.stage}/${doc.error.code}] ${doc.error.message}`);
    }
    if (d.kept.length) lines.push(`  kept from the previous publication: ${d.kept.join(", ")}`);
    const c = d.changes;
    if (c) {
      const n = (r: ChangeSummary["accords"]) => `+${r.added.length} ~${r.changed.length} -${r.removed.length}`;
      lines.push(`  accords ${n(c.accords)}, engagements ${n(c.engagements)}`);
      const verb = report.dryRun ? "would " : "";
      for (const p of c.files.added) lines.push(`  ${verb}add    ${p}`);
      for (const p of c.files.changed) lines.push(`  ${verb}update ${p}`);
      for (const p of c.files.removed) lines.push(`  ${verb}remove ${p}`);
    }
    if (d.pullRequest) {
      lines.push(`  pull request: ${d.pullRequest.action}${d.pullRequest.url ? ` ${d.pullRequest.url}` : ""}`);
    }
    for (const e of d.errors) lines.push(`  error [${e.stage}/${e.code}] ${e.message}`);
  }
  for (const e of report.errors) lines.push(`error [${e.stage}/${e.code}] ${e.message}`);
  lines.push(`exit code ${report.exitCode}`);
  return lines;
}
