import type { ExtractionResult } from "../types.ts";
import { createWorkerPool } from "./worker-pool.ts";

export interface ExtractJob {
  path: string;
  fileName: string;
  maxPages: number;
}

/** PDF extraction in worker threads (see extract-worker.ts): parallel, and isolated from the run. */
export function createExtractionPool(options: { size?: number; memoryMb: number; timeoutMs: number }) {
  return createWorkerPool<ExtractJob, ExtractionResult>({
    ...options,
    entry: new URL("./extract-worker.ts", import.meta.url),
    failed: (job, code, message) => ({
      ok: false,
      code,
      error: { stage: "extract", code, message: `extraction ${message}`, document: job.fileName },
      warnings: [],
    }),
  });
}

export type ExtractionPool = ReturnType<typeof createExtractionPool>;
