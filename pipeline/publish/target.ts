import type { ChangeSummary, OutputFile, PublishedStore } from "../types.ts";
import type { GitHubTargetOptions } from "./github/options.ts";
import type { GitHubTarget } from "./github/target.ts";
import { localStore, publishLocal, recoverLocal } from "./local.ts";

/** One dataset's complete publication: every file it should hold, and what that changes. */
export interface Publication {
  slug: string;
  files: OutputFile[];
  /** Published paths to delete (the local target needs them; git targets compare trees). */
  removals: string[];
  summary: ChangeSummary;
  validation: { ok: boolean; details: string[] };
}

export interface PublishOutcome {
  written: string[];
  removed: string[];
  messages: string[];
  /** Git targets: what happened to the pull request. */
  pullRequest?: { action: string; number?: number; url?: string; requests: { total: number; writes: number } };
}

/** Where publications go: a local folder, or a GitHub pull request. */
export interface Target {
  readonly name: "local" | "github";
  /** Hear about publications equal to what is published too (a stale pull request is then closed). */
  readonly reconcilesUnchanged: boolean;
  /** What is published now, to compare against and to keep the records of rejected documents. */
  store(): Promise<PublishedStore>;
  /** A publication of this dataset awaiting review, whose record dates and history carry over. */
  proposed(slug: string): Promise<PublishedStore | null>;
  publish(publication: Publication): Promise<PublishOutcome>;
}

export function localTarget(root: string): Target {
  return {
    name: "local",
    reconcilesUnchanged: false,
    async store() {
      // A publication interrupted after its commit point is finished before anything reads it.
      await recoverLocal(root);
      return localStore(root);
    },
    proposed: async () => null,
    async publish(publication) {
      const { written, removed } = await publishLocal(root, publication.files, publication.removals);
      return { written, removed, messages: [] };
    },
  };
}

/** A pull request per dataset on GitHub (or GitHub Enterprise, or a test server). */
export function githubTarget(options: GitHubTargetOptions): Target {
  // Octokit and its plugins are loaded by the first run that talks to GitHub, not by every run.
  let github: Promise<GitHubTarget> | undefined;
  const connect = () => {
    github ??= import("./github/target.ts").then((m) => m.createGitHubTarget(options));
    return github;
  };
  return {
    name: "github",
    reconcilesUnchanged: true,
    store: async () => (await connect()).published(),
    proposed: async (slug) => (await connect()).proposed(slug),
    async publish(publication) {
      const { slug, files, summary, validation } = publication;
      const result = await (await connect()).publish({ slug, files, summary, validation });
      const wrote = result.action === "created" || result.action === "updated";
      return {
        written: wrote ? [...summary.files.added, ...summary.files.changed] : [],
        removed: wrote ? summary.files.removed : [],
        messages: result.messages,
        pullRequest: {
          action: result.action,
          number: result.pullRequest?.number,
          url: result.pullRequest?.url,
          requests: result.requests,
        },
      };
    },
  };
}
