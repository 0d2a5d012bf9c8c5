import type { Writable } from "node:stream";
import { formatDiagnostic } from "../errors.ts";
import type { Diagnostic } from "../types.ts";

/** Human progress on stderr; silent with --quiet. */
export interface Progress {
  step(index: number, total: number, stage: string, subject: string, detail?: string): void;
  info(message: string): void;
  problem(diagnostic: Diagnostic): void;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function createProgress(stream: Writable, quiet: boolean): Progress {
  const write = (line: string) => {
    if (!quiet) stream.write(`${line}\n`);
  };
  return {
    step: (index, total, stage, subject, detail) =>
      write(`[${index}/${total}] ${stage.padEnd(8)} ${subject}${detail ? ` (${detail})` : ""}`),
    info: write,
    problem: (d) => write(`  ! ${formatDiagnostic(d)}`),
  };
}
