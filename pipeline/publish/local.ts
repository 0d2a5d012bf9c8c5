import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, rmdir, unlink } from "node:fs/promises";
import path from "node:path";
import { PipelineError } from "../errors.ts";
import { writeAtomic } from "../files.ts";
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

export interface LocalPublishResult {
  written: string[];
  removed: string[];
}

/** Hidden folder of the output root where a publication is staged before it is applied. */
export const STAGING_DIR = ".staging";

interface Journal {
  /** Staged file → published path, both relative to the output root. */
  moves: { from: string; to: string }[];
  removals: string[];
}

/**
 * Publishes a set of files as one transaction. Changed files are first written under
 * `.staging/`, then a journal is written atomically: that is the commit point. Applying the
 * journal (renames and deletions) is idempotent, so a crash at any point either leaves the
 * previous publication untouched (no journal yet) or is finished by `recoverLocal` on the next run.
 * `hooks.afterMove` exists for crash tests.
 */
export async function publishLocal(
  root: string,
  files: OutputFile[],
  removals: string[],
  hooks: { afterMove?: (index: number) => void } = {},
): Promise<LocalPublishResult> {
  await recoverLocal(root);
  const store = localStore(root);
  const changed: OutputFile[] = [];
  for (const file of files) {
    const current = await store.read(file.path);
    if (!current || !Buffer.from(current).equals(file.content)) changed.push(file);
  }
  const present: string[] = [];
  for (const relative of removals) if (await store.read(relative)) present.push(relative);
  if (changed.length === 0 && present.length === 0) return { written: [], removed: [] };

  const id = randomBytes(6).toString("hex");
  const journal: Journal = { moves: [], removals: present };
  for (const [i, file] of changed.entries()) {
    const from = `${STAGING_DIR}/${id}/${i}`;
    resolveInside(root, file.path);
    await writeAtomic(resolveInside(root, from), file.content);
    journal.moves.push({ from, to: file.path });
  }
  await writeAtomic(resolveInside(root, `${STAGING_DIR}/${id}.journal.json`), Buffer.from(JSON.stringify(journal)));
  await applyJournal(root, `${id}.journal.json`, journal, hooks);
  await rmdir(path.join(root, STAGING_DIR)).catch(() => undefined);
  return { written: changed.map((f) => f.path), removed: present };
}

async function applyJournal(
  root: string,
  name: string,
  journal: Journal,
  hooks: { afterMove?: (index: number) => void } = {},
): Promise<void> {
  for (const [i, move] of journal.moves.entries()) {
    const target = resolveInside(root, move.to);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(resolveInside(root, move.from), target);
    } catch (error) {
      // Already moved by an interrupted earlier attempt.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    hooks.afterMove?.(i);
  }
  for (const relative of journal.removals) await rm(resolveInside(root, relative), { force: true });
  await unlink(resolveInside(root, `${STAGING_DIR}/${name}`));
  await rm(resolveInside(root, `${STAGING_DIR}/${name.replace(/\.journal\.json$/, "")}`), {
    recursive: true,
    force: true,
  });
}

/**
 * Finishes a publication interrupted after its commit point, and discards staged files of one
 * interrupted before it. Returns the journals it completed.
 */
export async function recoverLocal(root: string): Promise<string[]> {
  const staging = path.join(root, STAGING_DIR);
  let entries: string[];
  try {
    entries = await readdir(staging);
  } catch {
    return [];
  }
  const journals = entries.filter((e) => e.endsWith(".journal.json")).sort();
  for (const name of journals) {
    const journal = JSON.parse(await readFile(path.join(staging, name), "utf8")) as Journal;
    await applyJournal(root, name, journal);
  }
  await rm(staging, { recursive: true, force: true });
  return journals;
}
