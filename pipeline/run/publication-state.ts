import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readJson, writeIfChanged } from "../files.ts";
import { resolveInside } from "../publish/local.ts";
import type { OutputFile } from "../types.ts";

/**
 * What the last local publication of a dataset was made from, and the hashes of what it wrote.
 * When a run finds the same inputs (same documents, page, rules and configuration) and the
 * published files untouched, nothing can come out different: the build is skipped altogether.
 */
interface State {
  inputs: string;
  output: string;
  files: Record<string, string>;
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

export function inputsFingerprint(inputs: unknown): string {
  return sha256(JSON.stringify(inputs));
}

export function publicationState(cacheDir: string, slug: string, output: string) {
  const file = path.join(cacheDir, "published", `${slug}.json`);
  return {
    /** True when the last publication had these inputs and its files are as it wrote them. */
    async unchanged(inputs: string): Promise<boolean> {
      const state = (await readJson(file)) as State | null;
      if (!state || state.inputs !== inputs || state.output !== output) return false;
      for (const [relative, hash] of Object.entries(state.files)) {
        const bytes = await readFile(resolveInside(output, relative)).catch(() => null);
        if (!bytes || sha256(bytes) !== hash) return false;
      }
      return true;
    },
    async remember(inputs: string, files: OutputFile[]): Promise<void> {
      const state: State = { inputs, output, files: Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])) };
      await writeIfChanged(file, Buffer.from(JSON.stringify(state)));
    },
  };
}

export type PublicationState = ReturnType<typeof publicationState>;
