import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { extractAgreement } from "../extract/index.ts";
import type { ExtractJob } from "./extract-pool.ts";

// One document at a time; the pool kills this thread when it runs out of time or memory.
parentPort?.on("message", async (job: ExtractJob) => {
  const bytes = new Uint8Array(await readFile(job.path));
  const result = await extractAgreement(bytes, {
    ...job.options,
    onOcrProgress: (progress) => parentPort?.postMessage({ progress }),
  });
  parentPort?.postMessage({ result });
});
