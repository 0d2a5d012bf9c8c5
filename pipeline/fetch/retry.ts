/** Pure timing rules of the retries. */

export interface BackoffOptions {
  /** Delay before the first retry; doubles at each retry. */
  baseDelayMs: number;
  /** Upper bound of every delay, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 500, maxDelayMs: 30_000 };

/** Retry-After in milliseconds (delta-seconds or HTTP date, relative to `now`); null if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date always names its weekday or month; this keeps plain numbers like "1.5" out.
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Delay before retry number `retry` (1 for the first): exponential with "equal jitter" (half
 * fixed, half random) so that parallel downloads hit by the same outage do not retry in step.
 */
export function backoffDelay(retry: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** The server's Retry-After wins over the backoff, within the cap. */
export function retryDelay(
  retry: number,
  retryAfterMs: number | null,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  return retryAfterMs === null ? backoffDelay(retry, opts, random) : Math.min(retryAfterMs, opts.maxDelayMs);
}
