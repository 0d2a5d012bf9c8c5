import { createHash } from "node:crypto";
import { PipelineError } from "../../errors.ts";
import type { ChangeSummary, OutputFile, PublishedStore } from "../../types.ts";
import { createClient, publishError, type RequestCount } from "./client.ts";
import { commitMessage, type PublicationMarks, readPublicationCommit } from "./commit-message.ts";
import { gitBlobSha, inlineText } from "./git-blob.ts";
import { repositoryMemory } from "./memory.ts";
import {
  DEFAULT_API_URL,
  DEFAULT_BRANCH_PREFIX,
  DEFAULT_LABEL,
  type GitHubTargetOptions,
  normalizePrefix,
} from "./options.ts";
import {
  closingComment,
  conflictComment,
  pullRequestBody,
  pullRequestTitle,
  statusDescription,
  type Validation,
} from "./pr-body.ts";
import {
  type BranchHead,
  type PullRequestRef,
  type Repository,
  repository,
  type TreeRequestEntry,
} from "./repository.ts";
import {
  changesAgainst,
  intentOf,
  type Publication,
  publicationOf,
  rebaseOnto,
  type Snapshot,
  type TreeChange,
} from "./tree-diff.ts";

export type PublishAction = "created" | "updated" | "unchanged" | "closed" | "conflict";

export interface PublishInput {
  slug: string;
  files: OutputFile[];
  summary: ChangeSummary;
  validation: Validation;
}

export interface PublishResult {
  action: PublishAction;
  pullRequest?: { number: number; url: string };
  /** Requests this publication sent (retries included). */
  requests: RequestCount;
  messages: string[];
}

export interface GitHubTarget {
  /** What the base branch holds, read through the API: one tree request, then blobs on demand; paths relative to pathPrefix. */
  published(): Promise<PublishedStore>;
  /**
   * What the dataset's open pull request proposes, or null without one. Record dates and update
   * history are carried over from it, so that a pull request waiting for review does not change
   * at every run only because the date moved.
   */
  proposed(slug: string): Promise<PublishedStore | null>;
  /** One dataset's publication. */
  publish(input: PublishInput): Promise<PublishResult>;
}

export const STATUS_CONTEXT = "accords-ouverts/validation";
/** Attempts when the branch moves between reading it and updating it. */
const MAX_ATTEMPTS = 3;
/** How far back a branch's history is searched for the bot's last commit. */
const HISTORY_DEPTH = 100;
/** Text files up to this size travel inline in the tree request; larger ones are uploaded as blobs. */
const INLINE_MAX_BYTES = 2 * 1024 * 1024;
/** Bounds of one tree request: a large publication is written as a chain of trees. */
const TREE_CHUNK_ENTRIES = 500;
const TREE_CHUNK_BYTES = 5 * 1024 * 1024;

interface BaseState {
  branch: string;
  sha: string;
  treeSha: string;
  entries: Snapshot;
}

type Outcome = { action: PublishAction; pullRequest?: PullRequestRef };
/** The branch moved under the publication: read it again and start over. */
const MOVED = Symbol("moved");

interface Run {
  repo: Repository;
  base: BaseState;
  input: PublishInput;
  publication: Publication;
  branch: string;
  say: (line: string) => void;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

function describe(changes: readonly TreeChange[]): string {
  const removed = changes.filter((c) => !c.file).length;
  return `${plural(changes.length - removed, "file")} written, ${removed} removed`;
}

function chunked(entries: TreeRequestEntry[]): TreeRequestEntry[][] {
  const chunks: TreeRequestEntry[][] = [];
  let current: TreeRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = "content" in entry ? entry.content.length : 0;
    if (current.length && (current.length >= TREE_CHUNK_ENTRIES || bytes + size > TREE_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * Publishes each dataset as one long-lived pull request on `publish/<slug>`, written with the Git Data
 * API in one commit, compared by blob SHA so unchanged files cost nothing, and never over a maintainer.
 */
export function createGitHubTarget(opts: GitHubTargetOptions): GitHubTarget {
  const prefix = normalizePrefix(opts.pathPrefix);
  const branchPrefix = opts.branchPrefix ?? DEFAULT_BRANCH_PREFIX;
  const label = opts.label ?? DEFAULT_LABEL;
  const log = opts.log ?? (() => {});
  const newClient = () =>
    createClient({
      token: opts.token,
      apiUrl: opts.apiUrl ?? process.env.GITHUB_API_URL ?? DEFAULT_API_URL,
      userAgent: opts.userAgent,
      log,
      ...(opts.pacing ? { pacing: opts.pacing } : {}),
    });
  const reader = newClient();
  const readerRepo = repository(reader, opts.owner, opts.repo);
  const blobs = new Map<string, Promise<Uint8Array>>();
  let base: Promise<BaseState> | undefined;
  let tips: Promise<ReadonlyMap<string, string>> | undefined;
  const memory = repositoryMemory(opts.cacheDir, opts.owner, opts.repo);
  /** The bot branches and their pull requests as `proposed()` read them, for `publish()`. */
  const lookedAt = new Map<string, { head: BranchHead | null; pulls?: Awaited<ReturnType<Repository["pulls"]>> }>();

  /** A commit by SHA: remembered (commits never change), or read once and then remembered. */
  async function commitOf(repo: Repository, sha: string): Promise<BranchHead> {
    const kept = await memory.commit(sha);
    if (kept) return kept;
    const commit = await repo.commit(sha);
    await memory.keepCommit(commit);
    return commit;
  }

  /** The blobs under the path prefix of a tree: remembered, or read once and then remembered. */
  async function treeOf(repo: Repository, treeSha: string): Promise<Snapshot> {
    const kept = await memory.tree(treeSha, prefix);
    if (kept) return kept;
    const entries = await repo.tree(treeSha, prefix);
    await memory.keepTree(treeSha, prefix, entries);
    return entries;
  }

  /**
   * The tip of `branch`, or null when there is no such branch. The tips of all branches come in
   * one request, read once for the base and the bot branches; `fresh` reads them again.
   */
  async function branchHead(repo: Repository, branch: string, fresh = false): Promise<BranchHead | null> {
    if (fresh) tips = undefined;
    tips ??= repo.branchTips().catch((error) => {
      tips = undefined;
      throw error;
    });
    const sha = (await tips).get(branch);
    return sha ? commitOf(repo, sha) : null;
  }

  function baseState(repo: Repository): Promise<BaseState> {
    base ??= (async () => {
      const branch = opts.baseBranch ?? (await repo.defaultBranch());
      const head = await branchHead(repo, branch);
      if (!head) {
        throw new PipelineError({
          stage: "publish",
          code: "config",
          message: `${opts.owner}/${opts.repo} has no branch ${branch} to publish into`,
        });
      }
      return { branch, sha: head.sha, treeSha: head.treeSha, entries: await treeOf(repo, head.treeSha) };
    })().catch((error) => {
      base = undefined;
      throw error;
    });
    return base;
  }

  async function writeCommit(
    run: Run,
    baseTree: { sha: string; entries: Snapshot },
    changes: TreeChange[],
    parents: string[],
    marks: PublicationMarks,
    known: Snapshot[],
  ): Promise<string> {
    const existing = new Set<string>();
    for (const snapshot of [run.base.entries, ...known]) for (const entry of snapshot.values()) existing.add(entry.sha);
    const entries: TreeRequestEntry[] = [];
    for (const { path, mode, file } of changes) {
      if (!file) entries.push({ path, mode, type: "blob", sha: null });
      else if (existing.has(file.sha)) entries.push({ path, mode, type: "blob", sha: file.sha });
      else {
        const text = inlineText(file.content);
        // What a later run reads back (records, metadata) it will then find here, not on GitHub.
        if (text !== null) await memory.keepBlob(file.sha, file.content);
        if (text !== null && file.content.byteLength <= INLINE_MAX_BYTES) {
          entries.push({ path, mode, type: "blob", content: text });
        } else {
          const sha = await run.repo.createBlob(file.content);
          if (sha !== file.sha) {
            throw new PipelineError({
              stage: "publish",
              code: "blob-mismatch",
              message: `GitHub stored ${path} as blob ${sha}, expected ${file.sha}`,
              document: run.input.slug,
            });
          }
          entries.push({ path, mode, type: "blob", sha });
        }
      }
    }
    let tree = baseTree.sha;
    for (const chunk of chunked(entries)) tree = await run.repo.createTree(tree, chunk);
    const message = commitMessage(run.input.summary, marks);
    const sha = await run.repo.createCommit(message, tree, [...new Set(parents)]);
    // The next run finds them at the tip of the branch, and need not read them.
    const written = changes.map((c) => ({ path: c.path, sha: c.file?.sha ?? null }));
    await memory.keepTree(tree, prefix, intentOf(baseTree.entries, written));
    await memory.keepCommit({ sha, treeSha: tree, message });
    return sha;
  }

  /**
   * Puts the bot's label on a pull request, creating the label first unless an earlier run did (or
   * it turns out to be missing after all).
   */
  async function labelPull(repo: Repository, number: number, created: boolean): Promise<void> {
    const how = created ? { replace: true as const, assignees: opts.assignees ?? [] } : { replace: false as const };
    const ensure = async () => {
      await repo.ensureLabel(label, "Automated publication of an accords-ouverts dataset");
      await memory.keepLabel(label);
    };
    const known = await memory.hasLabel(label);
    if (!known) await ensure();
    if ((await repo.label(number, [label], how)) === "labelled") return;
    if (!known) {
      throw new PipelineError({
        stage: "publish",
        code: "github-api",
        message: `GitHub refused label ${label} on pull request #${number} right after creating it`,
      });
    }
    await ensure();
    if ((await repo.label(number, [label], how)) === "label-missing") {
      throw new PipelineError({
        stage: "publish",
        code: "github-api",
        message: `GitHub refused label ${label} on pull request #${number}`,
      });
    }
  }

  /** Opens or refreshes the pull request for `sha` and marks the commit with the validation result. */
  async function present(run: Run, sha: string, open: PullRequestRef | null): Promise<Outcome> {
    const { repo, input, branch } = run;
    const title = pullRequestTitle(input.slug);
    const body = pullRequestBody(input.summary, input.validation);
    let pr = open;
    let created = false;
    if (!pr) {
      const made = await repo.createPull({ title, body, head: branch, base: run.base.branch });
      if (made === "exists") pr = (await repo.pulls(branch, run.base.branch)).open;
      else [pr, created] = [made, true];
      if (!pr)
        throw new PipelineError({
          stage: "publish",
          code: "github-api",
          message: `GitHub reports an open pull request for ${branch} but lists none`,
          document: input.slug,
        });
    }
    if (!created && (pr.title !== title || pr.body !== body)) await repo.updatePull(pr.number, { title, body });
    if (created || !pr.labels.includes(label)) await labelPull(repo, pr.number, created);
    if (created && opts.reviewers?.length) {
      // A reviewer GitHub refuses (not a collaborator, the author) must not cost the publication.
      await repo
        .requestReviewers(pr.number, opts.reviewers)
        .catch((error: Error) => run.say(`reviewers not requested: ${error.message}`));
    }
    await repo.setStatus(sha, {
      state: input.validation.ok ? "success" : "failure",
      context: STATUS_CONTEXT,
      description: statusDescription(input.validation),
      ...(opts.runUrl ? { targetUrl: opts.runUrl } : {}),
    });
    run.say(`${created ? "opened" : "updated"} pull request #${pr.number} ${pr.url}`);
    return { action: created ? "created" : "updated", pullRequest: pr };
  }

  async function firstPublication(run: Run): Promise<Outcome | typeof MOVED> {
    const { base, publication, repo, branch } = run;
    const changes = changesAgainst(publication, base.entries);
    if (!changes.length) {
      run.say(`${base.branch} already holds this publication: nothing to do`);
      return { action: "unchanged" };
    }
    if (opts.dryRun) {
      run.say(`dry run: would open a pull request from ${branch} (${describe(changes)})`);
      return { action: "created" };
    }
    const baseTree = { sha: base.treeSha, entries: base.entries };
    const sha = await writeCommit(run, baseTree, changes, [base.sha], { base: base.sha, kept: [] }, []);
    if ((await repo.createBranch(branch, sha)) === "exists") return MOVED;
    run.say(`committed ${describe(changes)} on new branch ${branch}`);
    return present(run, sha, null);
  }

  /** The content is already on the branch: make sure a pull request shows it, unless a maintainer closed that one. */
  async function alreadyThere(
    run: Run,
    head: BranchHead,
    pulls: { open: PullRequestRef | null; latest: PullRequestRef | null },
  ): Promise<Outcome> {
    if (pulls.open) {
      run.say(`pull request #${pulls.open.number} already holds this publication: nothing to do`);
      return { action: "unchanged", pullRequest: pulls.open };
    }
    const latest = pulls.latest;
    if (latest && !latest.merged && latest.headSha === head.sha) {
      run.say(
        `pull request #${latest.number} with this very content was closed without merging: not reopening it (delete ${run.branch} to start over)`,
      );
      return { action: "unchanged", pullRequest: latest };
    }
    if (opts.dryRun) {
      run.say(`dry run: would open a pull request for the content already on ${run.branch}`);
      return { action: "created" };
    }
    return present(run, head.sha, null);
  }

  async function close(run: Run, open: PullRequestRef | null): Promise<Outcome> {
    const { repo, branch, base } = run;
    const pr = open ? { pullRequest: open } : {};
    if (opts.dryRun) {
      run.say(
        `dry run: the publication matches ${base.branch} again; would close ${open ? `#${open.number} and ` : ""}delete ${branch}`,
      );
      return { action: "closed", ...pr };
    }
    if (open) {
      await repo.comment(open.number, closingComment(base.branch, branch));
      await repo.updatePull(open.number, { state: "closed" });
    }
    await repo.deleteBranch(branch);
    run.say(`the publication matches ${base.branch} again: ${open ? `closed #${open.number}, ` : ""}deleted ${branch}`);
    return { action: "closed", ...pr };
  }

  /**
   * The branch holds nothing but the bot's publications (or its pull request was merged, so nothing on
   * it needs protecting): lay the new publication on the current base. `laidOn` is the base the head
   * was laid on, if any.
   */
  async function ownBranch(
    run: Run,
    head: BranchHead,
    laidOn: string | undefined,
    pulls: Awaited<ReturnType<Repository["pulls"]>>,
    spent: boolean,
  ): Promise<Outcome | typeof MOVED> {
    const { base, publication, repo, branch } = run;
    const changes = changesAgainst(publication, base.entries);
    if (!changes.length) return close(run, pulls.open);
    const headTree = spent ? new Map() : await treeOf(repo, head.treeSha);
    if (!spent && !changesAgainst(publication, headTree).length) return alreadyThere(run, head, pulls);
    if (opts.dryRun) {
      run.say(`dry run: would update ${branch} (${describe(changes)} against ${base.branch})`);
      return { action: pulls.open ? "updated" : "created" };
    }
    // A second parent merges the base in when it moved, so the branch only ever fast-forwards.
    const parents = laidOn === base.sha ? [head.sha] : [head.sha, base.sha];
    const baseTree = { sha: base.treeSha, entries: base.entries };
    const sha = await writeCommit(run, baseTree, changes, parents, { base: base.sha, kept: [] }, [headTree]);
    if ((await repo.advanceBranch(branch, sha)) === "moved") return MOVED;
    run.say(`committed ${describe(changes)} on ${branch}`);
    return present(run, sha, pulls.open);
  }

  /** What the bot meant to publish when it last wrote to the branch. */
  async function lastIntent(
    run: Run,
    head: BranchHead,
    marks: PublicationMarks | null,
    headTree: Snapshot,
  ): Promise<Snapshot> {
    if (marks) return intentOf(headTree, marks.kept);
    for (const commit of await run.repo.recentCommits(run.branch, HISTORY_DEPTH)) {
      const found = readPublicationCommit(commit.message, run.input.slug);
      if (!found) continue;
      const tree = commit.treeSha === head.treeSha ? headTree : await treeOf(run.repo, commit.treeSha);
      return intentOf(tree, found.kept);
    }
    return run.base.entries;
  }

  /** Someone else committed to the branch: build on their head, keep their changes, stop on a conflict. */
  async function sharedBranch(
    run: Run,
    head: BranchHead,
    marks: PublicationMarks | null,
    pulls: Awaited<ReturnType<Repository["pulls"]>>,
  ): Promise<Outcome | typeof MOVED> {
    const { publication, repo, branch } = run;
    const headTree = await treeOf(repo, head.treeSha);
    if (!changesAgainst(publication, headTree).length) return alreadyThere(run, head, pulls);
    const ancestor = await lastIntent(run, head, marks, headTree);
    const { changes, kept, conflicts } = rebaseOnto(publication, headTree, ancestor);
    if (conflicts.length) {
      run.say(
        `left ${branch} alone: commits the bot did not make change ${conflicts.join(", ")}, which the new publication changes too`,
      );
      if (pulls.open && !opts.dryRun) {
        const digest = createHash("sha1")
          .update(conflicts.map((p) => `${p} ${publication.files.get(p)?.sha ?? "deleted"}`).join("\n"))
          .digest("hex");
        const marker = `<!-- accords-ouverts:conflict ${digest} -->`;
        if (!(await repo.hasComment(pulls.open.number, marker))) {
          await repo.comment(pulls.open.number, conflictComment(marker, branch, conflicts));
        }
      }
      return { action: "conflict", ...(pulls.open ? { pullRequest: pulls.open } : {}) };
    }
    if (kept.length) run.say(`kept maintainers' changes to ${kept.map((k) => k.path).join(", ")}`);
    if (!changes.length) return alreadyThere(run, head, pulls);
    if (opts.dryRun) {
      run.say(`dry run: would update ${branch} on top of maintainers' commits (${describe(changes)})`);
      return { action: pulls.open ? "updated" : "created" };
    }
    const headSnapshot = { sha: head.treeSha, entries: headTree };
    const sha = await writeCommit(run, headSnapshot, changes, [head.sha], { kept }, [headTree, ancestor]);
    if ((await repo.advanceBranch(branch, sha)) === "moved") return MOVED;
    run.say(`committed ${describe(changes)} on ${branch}, on top of maintainers' commits`);
    return present(run, sha, pulls.open);
  }

  async function attempt(run: Run, retry: boolean): Promise<Outcome | typeof MOVED> {
    // What `proposed()` or the base just read serves the first attempt; a branch that moved since
    // makes the ref update fail, and the next attempt reads it again.
    const seen = lookedAt.get(run.branch);
    lookedAt.delete(run.branch);
    const head = seen ? seen.head : await branchHead(run.repo, run.branch, retry);
    if (!head) return firstPublication(run);
    const pulls = seen?.pulls ?? (await run.repo.pulls(run.branch, run.base.branch));
    const marks = readPublicationCommit(head.message, run.input.slug);
    // Its pull request was merged as it stands: the branch is spent, a new publication starts from the base.
    const spent = !pulls.open && pulls.latest?.merged === true && pulls.latest.headSha === head.sha;
    if (spent || marks?.base) return ownBranch(run, head, spent ? undefined : marks?.base, pulls, spent);
    return sharedBranch(run, head, marks, pulls);
  }

  /** Files of a tree snapshot, blobs fetched on demand and shared between snapshots. */
  function storeOf(entries: Snapshot): PublishedStore {
    return {
      async holds(path, content) {
        const entry = entries.get(`${prefix}${path}`);
        if (!entry) return "absent";
        return entry.sha === gitBlobSha(content) ? "same" : "different";
      },
      async read(path) {
        const entry = entries.get(`${prefix}${path}`);
        if (!entry) return null;
        let bytes = blobs.get(entry.sha);
        if (!bytes) {
          bytes = memory.blob(entry.sha).then(async (kept) => {
            if (kept) return kept;
            const read = await readerRepo.blob(entry.sha);
            await memory.keepBlob(entry.sha, read);
            return read;
          });
          blobs.set(entry.sha, bytes);
          bytes.catch(() => blobs.delete(entry.sha));
        }
        return bytes;
      },
    };
  }

  return {
    async published() {
      return storeOf((await baseState(readerRepo)).entries);
    },

    async proposed(slug) {
      const branch = `${branchPrefix}${slug}`;
      const head = await branchHead(readerRepo, branch);
      if (!head) {
        lookedAt.set(branch, { head: null });
        return null;
      }
      const pulls = await readerRepo.pulls(branch, (await baseState(readerRepo)).branch);
      lookedAt.set(branch, { head, pulls });
      if (!pulls.open) return null;
      return storeOf(await treeOf(readerRepo, head.treeSha));
    },

    async publish(input) {
      const client = newClient();
      const repo = repository(client, opts.owner, opts.repo, input.slug);
      const messages: string[] = [];
      const say = (line: string) => {
        const safe = client.redact(line);
        messages.push(safe);
        log(`github ${input.slug}: ${safe}`);
      };
      try {
        const run: Run = {
          repo,
          base: await baseState(repo),
          input,
          publication: publicationOf(input.files, prefix, input.slug),
          branch: `${branchPrefix}${input.slug}`,
          say,
        };
        for (let attempts = 1; ; attempts++) {
          const outcome = await attempt(run, attempts > 1);
          if (outcome !== MOVED) {
            const pr = outcome.pullRequest;
            return {
              action: outcome.action,
              ...(pr ? { pullRequest: { number: pr.number, url: pr.url } } : {}),
              requests: { ...client.count },
              messages,
            };
          }
          if (attempts === MAX_ATTEMPTS) {
            throw new PipelineError({
              stage: "publish",
              code: "branch-moving",
              message: `${run.branch} moved ${MAX_ATTEMPTS} times while publishing; try again later`,
              document: input.slug,
            });
          }
          say(`${run.branch} moved while publishing: starting again from its new head`);
        }
      } catch (error) {
        throw publishError(error, `publishing ${input.slug} to ${opts.owner}/${opts.repo}`, client.redact, input.slug);
      } finally {
        // This publication may have moved branches: a later one reads them again.
        tips = undefined;
      }
    },
  };
}
