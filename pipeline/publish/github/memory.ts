/**
 * What the GitHub target remembers of a repository between runs, in a local folder (the run's
 * cache): file contents by git blob SHA, and the labels it created. Neither can mislead: a blob is
 * used only when its bytes still hash to the SHA GitHub lists, and a label deleted since is noticed
 * when GitHub refuses it, then created again.
 */
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "../local.ts";
import { gitBlobSha } from "./git-blob.ts";

export interface RepositoryMemory {
  /** The bytes of blob `sha`, if a run kept them. */
  blob(sha: string): Promise<Uint8Array | null>;
  keepBlob(bytes: Uint8Array): Promise<void>;
  hasLabel(name: string): Promise<boolean>;
  keepLabel(name: string): Promise<void>;
}

const forgetful: RepositoryMemory = {
  blob: async () => null,
  keepBlob: async () => {},
  hasLabel: async () => false,
  keepLabel: async () => {},
};

/** Memory in `dir` (blobs are shared by every repository: they are named by content), or none. */
export function repositoryMemory(dir: string | undefined, owner: string, repo: string): RepositoryMemory {
  if (!dir) return forgetful;
  const blobFile = (sha: string) => path.join(dir, "blobs", sha.slice(0, 2), sha);
  const labelsFile = path.join(dir, "repositories", owner, `${repo}.labels.json`);
  const readLabels = async (): Promise<string[]> =>
    readFile(labelsFile, "utf8")
      .then((text) => JSON.parse(text) as unknown)
      .then((list) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []))
      .catch(() => []);
  return {
    async blob(sha) {
      if (!/^[0-9a-f]{40}$/.test(sha)) return null;
      const bytes = await readFile(blobFile(sha)).catch(() => null);
      return bytes && gitBlobSha(bytes) === sha ? new Uint8Array(bytes) : null;
    },
    async keepBlob(bytes) {
      const file = blobFile(gitBlobSha(bytes));
      // Named by content: a file already there holds these bytes (or fails its check when read).
      const kept = await access(file).then(
        () => true,
        () => false,
      );
      if (!kept) await writeAtomic(file, bytes);
    },
    hasLabel: async (name) => (await readLabels()).includes(name),
    async keepLabel(name) {
      const labels = await readLabels();
      if (!labels.includes(name)) await writeAtomic(labelsFile, Buffer.from(JSON.stringify([...labels, name].sort())));
    },
  };
}
