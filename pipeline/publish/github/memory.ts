/**
 * What the GitHub target remembers of a repository between runs, in a local folder (the run's
 * cache): file contents by git blob SHA, commits and tree listings by SHA, and the labels it
 * created. None of it can mislead: git objects never change under their SHA, a blob is used only
 * when its bytes still hash to the SHA GitHub lists (a damaged copy is replaced by the one read from
 * GitHub), a file that cannot be read is forgotten, and a label deleted since is noticed when GitHub
 * refuses it, then created again.
 */
import { access, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { readJson, writeAtomic } from "../../files.ts";
import { gitBlobSha } from "./git-blob.ts";
import type { BranchHead } from "./repository.ts";
import type { Snapshot, TreeEntry } from "./tree-diff.ts";

export interface RepositoryMemory {
  /** The bytes of blob `sha`, if a run kept them. */
  blob(sha: string): Promise<Uint8Array | null>;
  /** Keeps `bytes` as blob `sha` (a wrong name is caught when it is read, like any damage). */
  keepBlob(sha: string, bytes: Uint8Array): Promise<void>;
  commit(sha: string): Promise<BranchHead | null>;
  keepCommit(commit: BranchHead): Promise<void>;
  /** The blobs under `prefix` of tree `sha`, if a run listed them. */
  tree(sha: string, prefix: string): Promise<Snapshot | null>;
  keepTree(sha: string, prefix: string, entries: Snapshot): Promise<void>;
  hasLabel(name: string): Promise<boolean>;
  keepLabel(name: string): Promise<void>;
}

/** Memory for the life of the process only; file contents are not held, as they can be large. */
function processMemory(): RepositoryMemory {
  const commits = new Map<string, BranchHead>();
  const trees = new Map<string, Snapshot>();
  const labels = new Set<string>();
  return {
    blob: async () => null,
    keepBlob: async () => {},
    commit: async (sha) => commits.get(sha) ?? null,
    keepCommit: async (commit) => void commits.set(commit.sha, commit),
    tree: async (sha, prefix) => trees.get(`${sha}:${prefix}`) ?? null,
    keepTree: async (sha, prefix, entries) => void trees.set(`${sha}:${prefix}`, entries),
    hasLabel: async (name) => labels.has(name),
    keepLabel: async (name) => void labels.add(name),
  };
}

const SHA = /^[0-9a-f]{40}$/;

function isCommit(v: unknown, sha: string): v is BranchHead {
  const c = v as Partial<BranchHead> | null;
  return c?.sha === sha && typeof c.treeSha === "string" && SHA.test(c.treeSha) && typeof c.message === "string";
}

/** `[path, sha, mode]` triples, as a tree listing is kept. */
function isListing(v: unknown): v is [string, string, string][] {
  return (
    Array.isArray(v) &&
    v.every(
      (e: unknown) =>
        Array.isArray(e) && e.length === 3 && e.every((x) => typeof x === "string") && SHA.test(e[1] as string),
    )
  );
}

/**
 * Memory in `dir` (git objects are shared by every repository: they are named by content), or in
 * this process only without one.
 */
export function repositoryMemory(dir: string | undefined, owner: string, repo: string): RepositoryMemory {
  if (!dir) return processMemory();
  const objectFile = (kind: string, sha: string, suffix = "") =>
    path.join(dir, kind, sha.slice(0, 2), `${sha}${suffix}`);
  const treeFile = (sha: string, prefix: string) =>
    objectFile("trees", sha, `.${Buffer.from(prefix).toString("base64url") || "-"}.json`);
  const labelsFile = path.join(dir, "repositories", owner, `${repo}.labels.json`);
  const readLabels = async (): Promise<string[]> => {
    const list = await readJson(labelsFile);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  };
  return {
    async blob(sha) {
      if (!SHA.test(sha)) return null;
      const file = objectFile("blobs", sha);
      const bytes = await readFile(file).catch(() => null);
      if (!bytes) return null;
      if (gitBlobSha(bytes) === sha) return new Uint8Array(bytes);
      // Damaged: removed, so that the copy read from GitHub instead takes its place.
      await rm(file, { force: true });
      return null;
    },
    async keepBlob(sha, bytes) {
      if (!SHA.test(sha)) return;
      const file = objectFile("blobs", sha);
      // Named by content: a file already there holds these bytes (or fails its check when read).
      const kept = await access(file).then(
        () => true,
        () => false,
      );
      if (!kept) await writeAtomic(file, bytes);
    },
    async commit(sha) {
      if (!SHA.test(sha)) return null;
      const commit = await readJson(objectFile("commits", sha, ".json"));
      return isCommit(commit, sha) ? commit : null;
    },
    async keepCommit(commit) {
      await writeAtomic(objectFile("commits", commit.sha, ".json"), Buffer.from(JSON.stringify(commit)));
    },
    async tree(sha, prefix) {
      if (!SHA.test(sha)) return null;
      const listing = await readJson(treeFile(sha, prefix));
      if (!isListing(listing)) return null;
      return new Map(listing.map(([file, blob, mode]): [string, TreeEntry] => [file, { sha: blob, mode }]));
    },
    async keepTree(sha, prefix, entries) {
      const listing = [...entries].map(([file, entry]) => [file, entry.sha, entry.mode]);
      await writeAtomic(treeFile(sha, prefix), Buffer.from(JSON.stringify(listing)));
    },
    hasLabel: async (name) => (await readLabels()).includes(name),
    async keepLabel(name) {
      const labels = await readLabels();
      if (!labels.includes(name)) await writeAtomic(labelsFile, Buffer.from(JSON.stringify([...labels, name].sort())));
    },
  };
}
