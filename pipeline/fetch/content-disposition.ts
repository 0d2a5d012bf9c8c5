/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*` (RFC 8187,
 * `UTF-8''…` or `ISO-8859-1''…`) wins over `filename`. Returns the name as sent, unsanitised;
 * null when there is none.
 */
export function contentDispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  const params = new Map<string, string>();
  for (const m of header.matchAll(/;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const key = (m[1] ?? "").toLowerCase();
    let value = (m[2] ?? "").trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    if (!params.has(key)) params.set(key, value);
  }
  const extended = decodeExtValue(params.get("filename*"));
  if (extended) return extended;
  const plain = params.get("filename");
  return plain ? utf8FromLatin1(plain) : null;
}

function decodeExtValue(value: string | undefined): string | null {
  const m = value ? /^([\w!#$&+^`{}~-]+)'[^']*'(.*)$/.exec(value) : null;
  if (!m) return null;
  const charset = (m[1] ?? "").toLowerCase();
  const encoded = m[2] ?? "";
  try {
    if (charset === "utf-8") return decodeURIComponent(encoded) || null;
    if (charset === "iso-8859-1")
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) || null;
  } catch {
    return null;
  }
  return null;
}

/**
 * HTTP header values arrive as Latin-1, but servers often put raw UTF-8 in `filename="…"`:
 * re-read such bytes as UTF-8 when they form valid UTF-8.
 */
function utf8FromLatin1(s: string): string {
  if (!/[\u0080-\u00ff]/.test(s) || /[\u0100-\u{10ffff}]/u.test(s)) return s;
  const utf8 = Buffer.from(s, "latin1").toString("utf8");
  return utf8.includes("\ufffd") ? s : utf8;
}
