/** Wall time and peak memory of child processes, and what a run changed on disk. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface ChildResult {
  code: number | null;
  wallMs: number;
  /** Largest resident set of the process (worker threads included), in bytes; null when unknown. */
  peakRssBytes: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const PEAK_RSS_HOOK = new URL("./peak-rss.mjs", import.meta.url);

/**
 * Runs `node <args>` and measures it: through GNU time's maximum resident set size when it is
 * installed, else through a preloaded hook that reports `process.resourceUsage().maxRSS` at exit.
 */
export async function measureNode(args: string[], cwd: string): Promise<ChildResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "accords-bench-rss-"));
  const rssFile = path.join(scratch, "rss");
  const useTime = existsSync(GNU_TIME);
  const [command, argv] = useTime
    ? [GNU_TIME, ["-v", "-o", rssFile, process.execPath, ...args]]
    : [process.execPath, ["--import", PEAK_RSS_HOOK.href, ...args]];
  const started = performance.now();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(command, argv, {
          cwd,
          env: { ...process.env, ACCORDS_BENCH_RSS_FILE: rssFile },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (c: Buffer) => out.push(c));
        child.stderr.on("data", (c: Buffer) => err.push(c));
        child.on("error", reject);
        child.on("close", (c) =>
          resolve({
            code: c,
            stdout: Buffer.concat(out).toString("utf8"),
            stderr: Buffer.concat(err).toString("utf8"),
          }),
        );
      },
    );
    const wallMs = performance.now() - started;
    const text = await readFile(rssFile, "utf8").catch(() => "");
    const kb = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] : text.trim();
    return { code, wallMs, peakRssBytes: kb ? Number(kb) * 1024 : null, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Runs `command file` for every file, `parallel` at a time; resolves with the wall time. */
export async function runEach(command: string, args: (file: string) => string[], files: string[], parallel: number) {
  const started = performance.now();
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] as string;
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(command, args(file), { stdio: "ignore" });
        child.on("error", () => resolve(-1));
        child.on("close", resolve);
      });
      if (code !== 0) failures++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  return { wallMs: performance.now() - started, failures };
}

export function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Size and modification time of every file under `root`, by relative path. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const info = await stat(full);
        out.set(path.relative(root, full), `${info.size}:${info.mtimeMs}`);
      }
    }
  };
  await walk(root);
  return out;
}

/** Paths added, rewritten or removed between two snapshots. */
export function writtenBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = [...after].filter(([p, sig]) => before.get(p) !== sig).map(([p]) => p);
  const removed = [...before.keys()].filter((p) => !after.has(p));
  return [...changed, ...removed].sort();
}
