import { mkdir, open, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { PipelineError } from "../errors.ts";

export const LOCK_FILE = ".accords-ouverts.lock";

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock left by a process that is gone (same host) or older than `staleMs` (any host). */
function isStale(info: LockInfo | null, staleMs: number, now: number): boolean {
  if (!info) return true;
  if (info.host === hostname() && !alive(info.pid)) return true;
  return now - Date.parse(info.startedAt) > staleMs;
}

/**
 * One run at a time per output folder: an exclusive lock file. A lock whose owner died is
 * taken over, so a crashed run never blocks the next one.
 */
export async function acquireLock(root: string, staleMs = 6 * 60 * 60 * 1000): Promise<() => Promise<void>> {
  await mkdir(root, { recursive: true });
  const file = path.join(root, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = await readFile(file, "utf8")
        .then((t) => JSON.parse(t) as LockInfo)
        .catch(() => null);
      if (!isStale(owner, staleMs, Date.now())) {
        throw new PipelineError({
          stage: "publish",
          code: "locked",
          message: `another run (pid ${owner?.pid} on ${owner?.host}, started ${owner?.startedAt}) is publishing into ${root}; remove ${file} if it is gone`,
        });
      }
      await rm(file, { force: true });
    }
  }
  throw new PipelineError({ stage: "publish", code: "locked", message: `could not take the lock ${file}` });
}
