/**
 * One guarded HTTP GET: every hop of a redirect chain checked against the allowed schemes and
 * hosts, timeouts on connect / headers / idle body, bodies cut at a byte limit, retries with
 * backoff. Knows nothing about PDFs or the cache.
 */
import { STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { type Dispatcher, request } from "undici";
import { isHostAllowed } from "../discover/hosts.ts";
import { FetchError, toFetchError } from "./fetch-error.ts";
import { type BackoffOptions, parseRetryAfter, retryDelay } from "./retry.ts";

export const MAX_REDIRECTS = 5;

export interface RetryEvent {
  url: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  code: string;
  message: string;
}

export interface HttpPolicy {
  dispatcher: Dispatcher;
  allowedHosts: ReadonlySet<string>;
  allowedSchemes: ReadonlySet<string>;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  backoff: BackoffOptions;
  random?: () => number;
  onRetry?: (e: RetryEvent) => void;
}

export interface OpenResponse {
  /** Where the response came from, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData["body"];
}

export function header(res: OpenResponse, name: string): string | null {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Throws `scheme-not-allowed` / `host-not-allowed` for a URL the run may not fetch. */
export function checkUrl(url: URL, policy: Pick<HttpPolicy, "allowedHosts" | "allowedSchemes">): void {
  if (!policy.allowedSchemes.has(url.protocol))
    throw new FetchError("scheme-not-allowed", `${url.href}: scheme ${url.protocol} is not allowed`);
  if (!isHostAllowed(url, policy.allowedHosts))
    throw new FetchError("host-not-allowed", `${url.href}: host ${url.host} is not in allowedHosts`);
}

/** GET following redirects by hand, so that each hop is checked before it is requested. */
export async function open(url: string, headers: Record<string, string>, policy: HttpPolicy): Promise<OpenResponse> {
  const visited = new Set<string>();
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    checkUrl(current, policy);
    visited.add(current.href);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, {
        method: "GET",
        dispatcher: policy.dispatcher,
        headers: { "user-agent": policy.userAgent, "accept-encoding": "identity", ...headers },
        headersTimeout: policy.timeoutMs,
        bodyTimeout: policy.timeoutMs,
      });
    } catch (e) {
      throw toFetchError(e, current.href);
    }
    const location = res.headers.location;
    if (res.statusCode < 300 || res.statusCode >= 400 || res.statusCode === 304 || typeof location !== "string")
      return { url: current.href, status: res.statusCode, headers: res.headers, body: res.body };
    await res.body.dump().catch(() => undefined);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new FetchError("http-status", `HTTP ${res.statusCode} from ${current.href} with an invalid Location`);
    }
    next.hash = "";
    if (visited.has(next.href))
      throw new FetchError("redirect-loop", `${url}: redirect loop at ${next.href} after ${hop + 1} hop(s)`);
    if (hop + 1 > MAX_REDIRECTS)
      throw new FetchError("too-many-redirects", `${url}: more than ${MAX_REDIRECTS} redirects (last: ${next.href})`);
    current = next;
  }
}

/** Throws `http-status` unless the status is 2xx; 408, 429 and 5xx may be retried. */
export async function expectOk(res: OpenResponse): Promise<void> {
  if (res.status >= 200 && res.status < 300) return;
  await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new FetchError("http-status", `HTTP ${res.status} ${STATUS_CODES[res.status] ?? ""} from ${res.url}`.trim(), {
    retryable,
    retryAfterMs: retryable ? parseRetryAfter(header(res, "retry-after"), Date.now()) : null,
  });
}

/**
 * Streams a body to `onChunk`, cutting it off once it passes `maxBytes` (`too-large`), and
 * checks what arrived against Content-Length (`truncated`, retryable).
 */
export async function readBody(
  res: OpenResponse,
  maxBytes: number,
  onChunk: (chunk: Buffer, received: number, total: number | null) => void | Promise<void>,
): Promise<number> {
  const announced = header(res, "content-length");
  const total = announced !== null && /^\d+$/.test(announced) ? Number(announced) : null;
  const tooLarge = () => new FetchError("too-large", `${res.url}: larger than the limit of ${maxBytes} bytes`);
  let received = 0;
  try {
    if (total !== null && total > maxBytes) throw tooLarge();
    for await (const chunk of res.body) {
      received += chunk.length;
      if (received > maxBytes) throw tooLarge();
      await onChunk(chunk as Buffer, received, total);
    }
  } catch (e) {
    res.body.destroy();
    const err = toFetchError(e, res.url);
    // A connection closed before the announced length is a truncation; a stall stays a timeout.
    if (err.code === "network" && total !== null && received < total) throw truncated(res.url, received, total, e);
    throw err;
  }
  if (total !== null && received !== total) throw truncated(res.url, received, total);
  return received;
}

function truncated(url: string, received: number, total: number, cause?: unknown): FetchError {
  return new FetchError("truncated", `${url}: received ${received} of ${total} bytes`, { retryable: true, cause });
}

/**
 * Runs `attempt` until it succeeds, a non-retryable error occurs or `policy.retries` retries are
 * spent. A DNS failure is retried once at most: without network, a run must fail in seconds.
 */
export async function withRetries<T>(url: string, policy: HttpPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt();
    } catch (e) {
      const err = toFetchError(e, url);
      const allowed = err.code === "dns" ? Math.min(1, policy.retries) : policy.retries;
      if (!err.retryable || retry > allowed) throw err;
      const delayMs = retryDelay(retry, err.retryAfterMs, policy.backoff, policy.random);
      policy.onRetry?.({ url, retry, delayMs, code: err.code, message: err.message });
      await sleep(delayMs);
    }
  }
}
