export type FetchErrorCode =
  | "http-status"
  | "network"
  | "dns"
  | "timeout"
  | "truncated"
  | "too-large"
  | "not-a-pdf"
  | "host-not-allowed"
  | "scheme-not-allowed"
  | "redirect-loop"
  | "too-many-redirects"
  /** Local file system: cache folder, directory source. */
  | "io";

/** A failed download, with what the retry loop needs to know. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly retryable: boolean;
  /** From a Retry-After header. */
  readonly retryAfterMs: number | null;

  constructor(
    code: FetchErrorCode,
    message: string,
    options: { retryable?: boolean; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "FetchError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA"]);
const TIMEOUT = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EPROTO",
]);

function codesOf(e: unknown): string[] {
  const codes: string[] = [];
  for (let c: unknown = e, depth = 0; c && typeof c === "object" && depth < 5; c = (c as Error).cause, depth++) {
    const code = (c as NodeJS.ErrnoException).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

/** Any error met while downloading, as a FetchError (network errors are retryable, local ones are not). */
export function toFetchError(e: unknown, url: string): FetchError {
  if (e instanceof FetchError) return e;
  const codes = codesOf(e);
  const detail = `${(e as Error)?.message ?? String(e)}`;
  const dns = codes.find((c) => DNS.has(c));
  if (dns) return new FetchError("dns", `cannot resolve the host of ${url} (${dns})`, { retryable: true, cause: e });
  const timeout = codes.find((c) => TIMEOUT.has(c));
  if (timeout)
    return new FetchError("timeout", `${url}: no answer in time (${timeout})`, { retryable: true, cause: e });
  if (codes.some((c) => NETWORK.has(c) || c.startsWith("UND_ERR_") || c.startsWith("HPE_")))
    return new FetchError("network", `${url}: ${detail} (${codes[0]})`, { retryable: true, cause: e });
  return new FetchError("io", `${url}: ${detail}`, { cause: e });
}
