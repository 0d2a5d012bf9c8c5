import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { PipelineError } from "../errors.ts";
import type { OutputFile, PublishedStore } from "../types.ts";

/** Resolves a publication path inside `root`, refusing anything that would escape it. */
export function resolveInside(root: string, relative: string): string {
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) {
    throw new PipelineError({
      stage: "publish",
      code: "unsafe-path",
      message: `path escapes the output folder: ${relative}`,
    });
  }
  return full;
}

/** What is published in a local folder. */
export function localStore(root: string): PublishedStore {
  return {
    async read(relative) {
      try {
        return new Uint8Array(await readFile(resolveInside(root, relative)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

/** Temp file in the same folder, then rename: readers see the old or the new file, never half of one. */
export async function writeAtomic(file: string, content: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface LocalPublishResult {
  written: string[];
  removed: string[];
}

/** Writes the files whose bytes differ from what is there, and removes the listed ones. */
export async function publishLocal(root: string, files: OutputFile[], removals: string[]): Promise<LocalPublishResult> {
  const store = localStore(root);
  const written: string[] = [];
  for (const file of files) {
    const current = await store.read(file.path);
    if (current && Buffer.from(current).equals(file.content)) continue;
    await writeAtomic(resolveInside(root, file.path), file.content);
    written.push(file.path);
  }
  const removed: string[] = [];
  for (const relative of removals) {
    try {
      await unlink(resolveInside(root, relative));
      removed.push(relative);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return { written, removed };
}
