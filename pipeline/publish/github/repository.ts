import { PipelineError } from "../../errors.ts";
import { type GitHubClient, httpStatus, publishError } from "./client.ts";
import type { Snapshot, TreeEntry } from "./tree-diff.ts";

/** The commit at the tip of a branch, as much of it as the publication decisions need. */
export interface BranchHead {
  sha: string;
  treeSha: string;
  message: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
  title: string;
  body: string | null;
  labels: string[];
  open: boolean;
  merged: boolean;
  headSha: string;
}

/** One entry of a tree request (GitHub's shape): inline `content`, an existing blob `sha`, or `sha: null` to delete. */
export type TreeRequestEntry =
  | { path: string; mode: string; type: "blob"; content: string }
  | { path: string; mode: string; type: "blob"; sha: string | null };

/** A pull request as GitHub lists it, reduced to what is read here. */
interface PullLike {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  labels: { name?: string }[];
  state: string;
  merged_at: string | null;
  head: { sha: string };
}

function pullRef(pull: PullLike): PullRequestRef {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body,
    labels: pull.labels.flatMap((l) => (l.name ? [l.name] : [])),
    open: pull.state === "open",
    merged: pull.merged_at !== null,
    headSha: pull.head.sha,
  };
}

/** A 409 or 422 answer: GitHub refused because the repository is not in the state the request assumed. */
function isStateConflict(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 409 || status === 422;
}

/**
 * The GitHub calls of a publication, one method per request, each turning a failure into a
 * PipelineError that says what was attempted (token redacted).
 */
export function repository(client: GitHubClient, owner: string, repo: string, slug?: string) {
  const { octokit, redact } = client;
  const at = { owner, repo };
  const fail = (error: unknown, what: string) => publishError(error, what, redact, slug);
  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw fail(error, what);
    }
  }
  const branchRef = (branch: string) => `heads/${branch}`;

  return {
    defaultBranch: () =>
      call(`reading ${owner}/${repo}`, async () => (await octokit.rest.repos.get(at)).data.default_branch),

    /** The tip of every branch, by name: one request, unless GitHub pages a long list. */
    branchTips: () =>
      call(`listing the branches of ${owner}/${repo}`, async () => {
        const data = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...at, ref: "heads/" });
        const tips = new Map<string, string>();
        for (const ref of data) {
          if (ref.ref.startsWith("refs/heads/") && ref.object.type === "commit") {
            tips.set(ref.ref.slice("refs/heads/".length), ref.object.sha);
          }
        }
        return tips;
      }),

    commit: (sha: string) =>
      call(`reading commit ${sha}`, async (): Promise<BranchHead> => {
        const { data } = await octokit.rest.git.getCommit({ ...at, commit_sha: sha });
        return { sha: data.sha, treeSha: data.tree.sha, message: data.message };
      }),

    /** The blobs of a tree under `prefix`, in one recursive request. */
    tree: (treeSha: string, prefix: string) =>
      call(`reading tree ${treeSha}`, async () => {
        const { data } = await octokit.rest.git.getTree({ ...at, tree_sha: treeSha, recursive: "true" });
        if (data.truncated) {
          throw new PipelineError({
            stage: "publish",
            code: "tree-truncated",
            message: `GitHub truncated the tree of ${owner}/${repo} (more than 100,000 entries): cannot compare the publication`,
          });
        }
        const entries = new Map<string, TreeEntry>();
        for (const item of data.tree) {
          if (item.type === "blob" && item.path?.startsWith(prefix) && item.sha && item.mode) {
            entries.set(item.path, { sha: item.sha, mode: item.mode });
          }
        }
        return entries as Snapshot;
      }),

    blob: (sha: string) =>
      call(`reading blob ${sha}`, async () => {
        const { data } = await octokit.rest.git.getBlob({ ...at, file_sha: sha });
        // Octokit's JSON parser gives up on bodies of several megabytes and hands back their text.
        const blob = (typeof data === "string" ? JSON.parse(data) : data) as { content: string; encoding: string };
        return new Uint8Array(Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8"));
      }),

    /** The latest commits of a branch, newest first. */
    recentCommits: (branch: string, count: number) =>
      call(`listing commits of ${branch}`, async () => {
        const { data } = await octokit.rest.repos.listCommits({ ...at, sha: branch, per_page: count });
        return data.map((c) => ({ sha: c.sha, treeSha: c.commit.tree.sha, message: c.commit.message }));
      }),

    createBlob: (content: Uint8Array) =>
      call("uploading a blob", async () => {
        const { data } = await octokit.rest.git.createBlob({
          ...at,
          content: Buffer.from(content).toString("base64"),
          encoding: "base64",
        });
        return data.sha;
      }),

    createTree: (baseTree: string, tree: TreeRequestEntry[]) =>
      call("creating a tree", async () => {
        // Modes come from GitHub's own trees (or are "100644"), so they are among the ones it accepts.
        const entries = tree as { path: string; mode: "100644"; type: "blob"; sha?: string | null; content?: string }[];
        return (await octokit.rest.git.createTree({ ...at, base_tree: baseTree, tree: entries })).data.sha;
      }),

    createCommit: (message: string, tree: string, parents: string[]) =>
      call(
        "creating a commit",
        async () => (await octokit.rest.git.createCommit({ ...at, message, tree, parents })).data.sha,
      ),

    /** "exists" when someone created the branch since it was read. */
    async createBranch(branch: string, sha: string): Promise<"created" | "exists"> {
      try {
        await octokit.rest.git.createRef({ ...at, ref: `refs/${branchRef(branch)}`, sha });
        return "created";
      } catch (error) {
        if (isStateConflict(error)) return "exists";
        throw fail(error, `creating branch ${branch}`);
      }
    },

    /** Fast-forwards the branch; "moved" when it no longer points where it was read (never forced). */
    async advanceBranch(branch: string, sha: string): Promise<"advanced" | "moved"> {
      try {
        await octokit.rest.git.updateRef({ ...at, ref: branchRef(branch), sha, force: false });
        return "advanced";
      } catch (error) {
        if (isStateConflict(error)) return "moved";
        throw fail(error, `updating branch ${branch}`);
      }
    },

    async deleteBranch(branch: string): Promise<void> {
      try {
        await octokit.rest.git.deleteRef({ ...at, ref: branchRef(branch) });
      } catch (error) {
        // Already gone: what was wanted.
        if (!isStateConflict(error) && httpStatus(error) !== 404) throw fail(error, `deleting branch ${branch}`);
      }
    },

    /** The open pull request from `head` into `base`, and the latest one whatever its state. */
    pulls: (head: string, base: string) =>
      call(`finding the pull request of ${head}`, async () => {
        const { data } = await octokit.rest.pulls.list({
          ...at,
          head: `${owner}:${head}`,
          base,
          state: "all",
          sort: "created",
          direction: "desc",
          per_page: 10,
        });
        const pulls = data.map(pullRef);
        return { open: pulls.find((p) => p.open) ?? null, latest: pulls[0] ?? null };
      }),

    /** The new pull request, or "exists" when GitHub says one is already open for this branch. */
    async createPull(input: {
      title: string;
      body: string;
      head: string;
      base: string;
    }): Promise<PullRequestRef | "exists"> {
      try {
        return pullRef((await octokit.rest.pulls.create({ ...at, ...input, maintainer_can_modify: true })).data);
      } catch (error) {
        if (
          httpStatus(error) === 422 &&
          /pull request already exists/i.test(
            JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? ""),
          )
        ) {
          return "exists";
        }
        throw fail(error, `opening a pull request from ${input.head}`);
      }
    },

    updatePull: (number: number, change: { title?: string; body?: string; state?: "open" | "closed" }) =>
      call(`updating pull request #${number}`, async () => {
        await octokit.rest.pulls.update({ ...at, pull_number: number, ...change });
      }),

    /** Creates the label unless it exists (GitHub answers 422 already_exists). */
    async ensureLabel(name: string, description: string): Promise<void> {
      try {
        await octokit.rest.issues.createLabel({ ...at, name, color: "0e8a16", description });
      } catch (error) {
        if (httpStatus(error) !== 422) throw fail(error, `creating label ${name}`);
      }
    },

    /**
     * Labels (and assignees) of a pull request: all of them in one request for a new one, added to
     * the others for an existing one. "label-missing" when GitHub refuses a label it does not know.
     */
    async label(
      number: number,
      labels: string[],
      how: { replace: true; assignees: string[] } | { replace: false },
    ): Promise<"labelled" | "label-missing"> {
      try {
        if (how.replace) {
          await octokit.rest.issues.update({
            ...at,
            issue_number: number,
            labels,
            ...(how.assignees.length ? { assignees: how.assignees } : {}),
          });
        } else {
          await octokit.rest.issues.addLabels({ ...at, issue_number: number, labels });
        }
        return "labelled";
      } catch (error) {
        if (httpStatus(error) === 422) return "label-missing";
        throw fail(error, `labelling pull request #${number}`);
      }
    },

    requestReviewers: (number: number, reviewers: string[]) =>
      call(`requesting reviewers on #${number}`, async () => {
        await octokit.rest.pulls.requestReviewers({ ...at, pull_number: number, reviewers });
      }),

    setStatus: (
      sha: string,
      status: { state: "success" | "failure"; context: string; description: string; targetUrl?: string },
    ) =>
      call(`setting the ${status.context} status`, async () => {
        await octokit.rest.repos.createCommitStatus({
          ...at,
          sha,
          state: status.state,
          context: status.context,
          description: status.description,
          ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
        });
      }),

    comment: (number: number, body: string) =>
      call(`commenting on #${number}`, async () => {
        await octokit.rest.issues.createComment({ ...at, issue_number: number, body });
      }),

    /** Whether one of the latest comments contains `marker` (so a repeated run does not say it twice). */
    hasComment: (number: number, marker: string) =>
      call(`reading comments of #${number}`, async () => {
        const { data } = await octokit.rest.issues.listComments({ ...at, issue_number: number, per_page: 100 });
        return data.some((c) => c.body?.includes(marker));
      }),
  };
}

export type Repository = ReturnType<typeof repository>;
