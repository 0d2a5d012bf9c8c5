import { PipelineError } from "../../errors.ts";
import type { GitHubSettings } from "../../types.ts";
import type { Pacing } from "./client.ts";

export interface GitHubTargetOptions {
  token: string;
  /** Default: `process.env.GITHUB_API_URL ?? "https://api.github.com"`. */
  apiUrl?: string;
  owner: string;
  repo: string;
  /** Default: the repository's default branch. */
  baseBranch?: string;
  /** Where the output root lives in the repository, e.g. "datasets/". */
  pathPrefix: string;
  /** Default "publish/": dataset `x` is published from branch `publish/x`. */
  branchPrefix?: string;
  /** Default "publication": the label that marks the bot's pull requests. */
  label?: string;
  reviewers?: string[];
  assignees?: string[];
  userAgent: string;
  /** Read everything, decide, write nothing. */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Link of the commit status (the workflow run), when known. */
  runUrl?: string;
  /**
   * Local folder where the target remembers the repository between runs (published files by blob
   * SHA, labels it created), to spare the requests that would read them again. None: read GitHub.
   */
  cacheDir?: string;
  /** Waits between attempts; tests shrink them. */
  pacing?: Pacing;
}

/** What the configuration file may say about the GitHub target. */
export interface GitHubConfig extends GitHubSettings {
  userAgent?: string;
  dryRun?: boolean;
}

export const DEFAULT_API_URL = "https://api.github.com";
export const DEFAULT_LABEL = "publication";
export const DEFAULT_BRANCH_PREFIX = "publish/";
const DEFAULT_USER_AGENT = "accords-ouverts";

function configError(message: string, field?: string): PipelineError {
  return new PipelineError({ stage: "publish", code: "config", message, ...(field ? { field } : {}) });
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** "datasets", "./datasets/", "/datasets" → "datasets/"; "" or "." → "" (the repository root). */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  if (trimmed === "" || trimmed === ".") return "";
  if (trimmed.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw configError(
      `pathPrefix ${JSON.stringify(prefix)} must be a plain folder path inside the repository`,
      "pathPrefix",
    );
  }
  return `${trimmed}/`;
}

/**
 * Options of the GitHub target from the environment (GITHUB_TOKEN or GH_TOKEN, GITHUB_API_URL,
 * GITHUB_REPOSITORY, and in GitHub Actions the run's URL) and the configuration, which wins for
 * owner/repo. Missing or malformed settings stop the run with a message that never includes the token.
 */
export function resolveGitHubOptions(env: NodeJS.ProcessEnv, config: GitHubConfig): GitHubTargetOptions {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) {
    throw configError(
      "the github target needs a token: set GITHUB_TOKEN (or GH_TOKEN) with contents, pull-requests and statuses write access",
    );
  }
  const [envOwner, envRepo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const owner = config.owner ?? (envOwner || undefined);
  const repo = config.repo ?? (envRepo || undefined);
  if (!owner || !repo) {
    throw configError(
      "the github target needs a repository: set owner and repo in the configuration, or GITHUB_REPOSITORY=owner/repo",
    );
  }
  if (!NAME.test(owner) || !NAME.test(repo)) {
    throw configError(`${JSON.stringify(`${owner}/${repo}`)} is not a valid GitHub repository name`, "repo");
  }
  const apiUrl = env.GITHUB_API_URL || DEFAULT_API_URL;
  if (!/^https?:\/\//.test(apiUrl))
    throw configError(`GITHUB_API_URL must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return {
    token,
    apiUrl,
    owner,
    repo,
    pathPrefix: normalizePrefix(config.pathPrefix ?? "datasets/"),
    userAgent: config.userAgent ?? DEFAULT_USER_AGENT,
    ...(config.baseBranch ? { baseBranch: config.baseBranch } : {}),
    ...(config.branchPrefix ? { branchPrefix: config.branchPrefix } : {}),
    ...(config.label ? { label: config.label } : {}),
    ...(config.reviewers?.length ? { reviewers: config.reviewers } : {}),
    ...(config.assignees?.length ? { assignees: config.assignees } : {}),
    ...(config.dryRun ? { dryRun: true } : {}),
    ...(runUrl ? { runUrl } : {}),
  };
}
