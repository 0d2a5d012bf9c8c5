import { describe, expect, it } from "vitest";
import { createWorkerPool } from "../../pipeline/run/worker-pool.ts";

function pool(size = 2) {
  return createWorkerPool<string, { echo?: string; failure?: string }>({
    entry: new URL("./workers/echo.ts", import.meta.url),
    size,
    memoryMb: 64,
    timeoutMs: 1_000,
    failed: (_job, failure, message) => ({ failure: `${failure}: ${message}` }),
  });
}

describe("worker pool", () => {
  it("returns each job's result in the order asked, whatever finishes first", async () => {
    const p = pool();
    try {
      const jobs = ["a", "b", "c", "d", "e"];
      expect(await Promise.all(jobs.map((j) => p.run(j)))).toEqual(jobs.map((echo) => ({ echo })));
    } finally {
      await p.close();
    }
  });

  it("a hung, crashed or memory-hungry job is named and the pool goes on", async () => {
    const p = pool(1);
    try {
      const [hang, crash, oom, after] = await Promise.all(["hang", "crash", "oom", "after"].map((j) => p.run(j)));
      expect(hang?.failure).toMatch(/^timeout: took longer than 1000 ms/);
      expect(crash?.failure).toMatch(/^worker-crashed: crashed: boom/);
      expect(oom?.failure).toMatch(/^out-of-memory: needed more than 64 MB/);
      expect(after).toEqual({ echo: "after" });
    } finally {
      await p.close();
    }
  });
});
