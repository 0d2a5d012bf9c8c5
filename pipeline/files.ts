/**
 * File helpers every stage's caches and outputs share: atomic writes, writes that skip identical
 * bytes, JSON reads that treat a missing or damaged file as absent, installed package versions.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

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

/** Writes only when the bytes differ, so that a run that changes nothing writes nothing. */
export async function writeIfChanged(file: string, content: Uint8Array): Promise<boolean> {
  const current = await readFile(file).catch(() => null);
  if (current?.equals(content)) return false;
  await writeAtomic(file, content);
  return true;
}

/** A JSON file's value, or null when it is missing or cannot be parsed (a cache miss, never an error). */
export async function readJson(file: string): Promise<unknown> {
  return readFile(file, "utf8")
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
}

const require = createRequire(import.meta.url);

/** The installed version of a dependency. */
export function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}
