export type { Pacing, RequestCount } from "./client.ts";
export { type GitHubConfig, type GitHubTargetOptions, resolveGitHubOptions } from "./options.ts";
export { pullRequestBody } from "./pr-body.ts";
export {
  createGitHubTarget,
  type GitHubTarget,
  type PublishAction,
  type PublishInput,
  type PublishResult,
  STATUS_CONTEXT,
} from "./target.ts";
