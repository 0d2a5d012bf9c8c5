import { PipelineError } from "../../errors.ts";
import type { OutputFile } from "../../types.ts";
import { gitBlobSha } from "./git-blob.ts";

/** A blob of a git tree. */
export interface TreeEntry {
  sha: string;
  mode: string;
}

/** The blobs of a tree, keyed by path from the repository root. */
export type Snapshot = ReadonlyMap<string, TreeEntry>;

export interface DesiredFile {
  /** Path from the repository root. */
  path: string;
  sha: string;
  content: Uint8Array;
}

/** Everything one dataset should publish, addressed in the repository. */
export interface Publication {
  /** `<pathPrefix><slug>/`: every path under it that is not in `files` is a deletion. */
  scope: string;
  files: ReadonlyMap<string, DesiredFile>;
}

/** One entry of a tree request: new content for `path`, or its deletion when `file` is null. */
export interface TreeChange {
  path: string;
  mode: string;
  file: DesiredFile | null;
}

const REGULAR_FILE = "100644";

function unsafePath(path: string, why: string): PipelineError {
  return new PipelineError({ stage: "publish", code: "unsafe-path", message: `${why}: ${JSON.stringify(path)}` });
}

/** Folders of the output root that every dataset's publication carries (the published schemas). */
const SHARED_FOLDERS: ReadonlySet<string> = new Set(["schemas"]);

/**
 * Addresses a dataset's output files in the repository. Only the dataset's own folder, the shared
 * folders and files at the output root (the catalog) may be written: anything else would be a
 * path the dataset cannot own.
 */
export function publicationOf(files: readonly OutputFile[], pathPrefix: string, slug: string): Publication {
  const scope = `${pathPrefix}${slug}/`;
  const out = new Map<string, DesiredFile>();
  for (const file of files) {
    const segments = file.path.split("/");
    if (file.path.includes("\\") || segments.some((s) => s === "" || s === "." || s === "..")) {
      throw unsafePath(file.path, "not a clean relative POSIX path");
    }
    if (segments.length > 1 && segments[0] !== slug && !SHARED_FOLDERS.has(segments[0] ?? "")) {
      throw unsafePath(file.path, `dataset ${slug} may only write its own folder, schemas/ and root files`);
    }
    const path = `${pathPrefix}${file.path}`;
    if (out.has(path)) throw unsafePath(file.path, "listed twice");
    out.set(path, { path, sha: gitBlobSha(file.content), content: file.content });
  }
  return { scope, files: out };
}

/** The paths the publication has a say on in a snapshot: its own files and everything under its scope. */
function pathsInPlay(publication: Publication, ...snapshots: Snapshot[]): string[] {
  const paths = new Set(publication.files.keys());
  for (const snapshot of snapshots) {
    for (const path of snapshot.keys()) if (path.startsWith(publication.scope)) paths.add(path);
  }
  return [...paths].sort();
}

function change(path: string, publication: Publication, current: Snapshot): TreeChange {
  return { path, mode: current.get(path)?.mode ?? REGULAR_FILE, file: publication.files.get(path) ?? null };
}

/** What turns `current` into the publication (empty when it already holds it, byte for byte). */
export function changesAgainst(publication: Publication, current: Snapshot): TreeChange[] {
  return pathsInPlay(publication, current)
    .filter((path) => (publication.files.get(path)?.sha ?? null) !== (current.get(path)?.sha ?? null))
    .map((path) => change(path, publication, current));
}

/** What the bot meant to publish in a commit: the commit's tree, except where it kept someone else's content. */
export function intentOf(tree: Snapshot, kept: readonly { path: string; sha: string | null }[]): Snapshot {
  const intent = new Map(tree);
  for (const { path, sha } of kept) {
    if (sha === null) intent.delete(path);
    else intent.set(path, { sha, mode: tree.get(path)?.mode ?? REGULAR_FILE });
  }
  return intent;
}

export interface Rebase {
  changes: TreeChange[];
  /** Paths where the maintainers' content stays although the publication wants another one. */
  kept: { path: string; sha: string | null }[];
  /** Paths both sides changed differently: the publication cannot go on without a person. */
  conflicts: string[];
}

/**
 * Applies the publication on top of a branch that someone else committed to. `ancestor` is what the
 * bot meant to publish last time: a path changed since by someone else is theirs and is kept, unless
 * the publication now changes it too (a conflict, reported rather than resolved).
 */
export function rebaseOnto(publication: Publication, head: Snapshot, ancestor: Snapshot): Rebase {
  const result: Rebase = { changes: [], kept: [], conflicts: [] };
  for (const path of pathsInPlay(publication, head, ancestor)) {
    const want = publication.files.get(path)?.sha ?? null;
    const have = head.get(path)?.sha ?? null;
    const before = ancestor.get(path)?.sha ?? null;
    if (want === have) continue;
    if (have === before) result.changes.push(change(path, publication, head));
    else if (want === before) result.kept.push({ path, sha: want });
    else result.conflicts.push(path);
  }
  return result;
}
