import { retry } from "@octokit/plugin-retry";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { PipelineError } from "../../errors.ts";

/** How long the client waits between attempts; tests shrink every delay to milliseconds. */
export interface Pacing {
  /** Milliseconds per unit of backoff: retry-after seconds and the retry plugin's squared attempt count. Default 1000. */
  delayUnitMs?: number;
  /** Keep GitHub's advice of one second between writes (secondary rate limits). Default true. */
  spaceWrites?: boolean;
  /** Longest primary rate-limit wait worth sitting through, in seconds. Default 120. */
  maxRateLimitWaitSeconds?: number;
}

export interface ClientOptions {
  token: string;
  apiUrl: string;
  userAgent: string;
  log: (line: string) => void;
  pacing?: Pacing;
}

/** Requests actually sent over the network, retries included. */
export interface RequestCount {
  total: number;
  writes: number;
}

export interface GitHubClient {
  octokit: Octokit;
  count: RequestCount;
  redact: (text: string) => string;
}

/** Replaces every occurrence of the token (and its Basic-auth form) so it cannot leak through a message. */
export function redactor(token: string): (text: string) => string {
  const secrets = [token, Buffer.from(`x-access-token:${token}`).toString("base64")].filter((s) => s.length >= 4);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}

const RETRIES = 3;

/** Lets writes through at once: for tests, where GitHub's pacing advice would only add seconds. */
const unspaced = {
  key: () => ({
    schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args),
  }),
} as unknown as NonNullable<ThrottlingOptions["write"]>;

const ThrottledOctokit = Octokit.plugin(retry, throttling);

/**
 * An Octokit that retries 5xx and network errors, waits out rate limits within reason, spaces writes
 * as GitHub asks, counts what it sends, and never lets the token reach a log line.
 */
export function createClient(options: ClientOptions): GitHubClient {
  const redact = redactor(options.token);
  const unit = options.pacing?.delayUnitMs ?? 1000;
  const maxWait = options.pacing?.maxRateLimitWaitSeconds ?? 120;
  const log = (line: string) => options.log(redact(line));
  const count: RequestCount = { total: 0, writes: 0 };
  const countingFetch: typeof fetch = (input, init) => {
    count.total++;
    const method = (init?.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") count.writes++;
    return fetch(input, init);
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retrying = retryCount < RETRIES && retryAfter <= maxWait;
      log(
        `GitHub ${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s` : "giving up"}`,
      );
      return retrying;
    };
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    userAgent: options.userAgent,
    request: { fetch: countingFetch },
    // Octokit warns of deprecations; its per-request info and error lines would only repeat what the target reports.
    log: { debug: () => {}, info: () => {}, warn: (message: unknown) => log(String(message)), error: () => {} },
    retry: {
      retries: RETRIES,
      retryAfterBaseValue: unit,
      // 409 and 422 carry an answer (conflict, not a fast forward, already exists) the caller acts on;
      // 403 and 429 are rate limits, waited out by the throttling plugin as long as Retry-After says.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      ...(options.pacing?.spaceWrites === false ? { write: unspaced, notifications: unspaced } : {}),
    },
  });
  return { octokit, count, redact };
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

export function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" && error !== null ? (error as HttpErrorLike).status : undefined;
}

/** GitHub's own words for a failure: the message and every `errors[].message`. */
export function gitHubMessage(error: unknown): string {
  const e = error as HttpErrorLike;
  const data = e?.response?.data as { message?: unknown; errors?: { message?: unknown; code?: unknown }[] } | undefined;
  const parts = [typeof data?.message === "string" ? data.message : (e?.message ?? String(error))];
  for (const item of Array.isArray(data?.errors) ? data.errors : []) {
    const text = item?.message ?? item?.code;
    if (typeof text === "string") parts.push(text);
  }
  return parts.join(": ");
}

/**
 * A GitHub failure as a PipelineError naming what was attempted and GitHub's answer, with the token
 * redacted and no raw error attached (its request copy could carry headers).
 */
export function publishError(
  error: unknown,
  what: string,
  redact: (text: string) => string,
  slug?: string,
): PipelineError {
  if (error instanceof PipelineError) return error;
  const e = error as HttpErrorLike;
  const status = httpStatus(error);
  const headers = e?.response?.headers ?? {};
  const rateLimited =
    (status === 403 || status === 429) &&
    (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(gitHubMessage(error)));
  const code = rateLimited ? "rate-limit" : status === 401 ? "auth" : status === 404 ? "not-found" : "github-api";
  const reset =
    rateLimited && headers["x-ratelimit-reset"]
      ? ` (resets at ${new Date(Number(headers["x-ratelimit-reset"]) * 1000).toISOString()})`
      : "";
  const where = e?.request?.method && e.request.url ? ` [${e.request.method} ${e.request.url}]` : "";
  const hint =
    status === 401
      ? " Check GITHUB_TOKEN."
      : status === 403 && !rateLimited
        ? " Check the token's permissions (contents, pull-requests, statuses: write)."
        : "";
  return new PipelineError({
    stage: "publish",
    code,
    message: redact(`${what} failed: ${status ?? "network"} ${gitHubMessage(error)}${reset}${where}.${hint}`),
    ...(slug ? { document: slug } : {}),
  });
}
