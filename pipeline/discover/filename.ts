/**
 * File names that come from the outside (URLs, page cells, Content-Disposition) become local
 * file names and published `nom_fichier` values: they must not carry a path, control characters
 * or characters some file systems refuse. Shared by discover and fetch.
 */

const MAX_NAME_BYTES = 200;
// C0/C1 controls, and bidirectional overrides that can disguise an extension ("fdp.exe" shown as "exe.pdf").
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const ILLEGAL = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const PDF_EXT = /\.pdf$/i;

/** A name quoted for a message, its invisible characters shown as `\u{…}`. */
export function quoteName(s: string): string {
  return `"${s.replace(CONTROL, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`)}"`;
}

/** Decodes the `%xx` sequences that form valid UTF-8, leaving any malformed one as printed. */
export function decodePercent(s: string): string {
  return s.replace(/(%[0-9a-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

export interface SanitisedName {
  name: string;
  /** False when the only change is `%xx` decoding. */
  changed: boolean;
}

/** A safe `.pdf` file name from an untrusted one; accents are kept (NFC). */
export function sanitizeFileName(raw: string): SanitisedName {
  const decoded = decodePercent(raw).normalize("NFC");
  const segments = decoded
    .replace(/\\/g, "/")
    .split("/")
    .filter((s) => s !== "" && s !== "." && s !== "..");
  let name = (segments.at(-1) ?? "")
    .replace(/[\t\n\r]/g, " ")
    .replace(CONTROL, "")
    .replace(ILLEGAL, "_")
    .replace(/\s+/g, " ")
    // Leading dots hide the file (or rebuild `..`); trailing dots and spaces are dropped by Windows.
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (!PDF_EXT.test(name)) name = `${name}.pdf`;
  let base = name.slice(0, -4).replace(/[\s.]+$/, "");
  const ext = name.slice(-4);
  if (base === "") base = "document";
  if (WINDOWS_DEVICE.test(base.split(".")[0] ?? "")) base = `_${base}`;
  const chars = [...base];
  while (Buffer.byteLength(chars.join("") + ext) > MAX_NAME_BYTES) chars.pop();
  name = chars.join("") + ext;
  return { name, changed: name !== decoded };
}

/**
 * Makes names unique within one source, case-insensitively (macOS and Windows file systems):
 * the first keeps its name, later ones get `-2`, `-3`… before the extension.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf(".");
    const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The name a document gets when neither its URL nor its page names it: from the Download
 * Manager parameters, else from the last path segment. Fetch compares a ref's name with this
 * one to know whether the server's Content-Disposition name may replace it.
 */
export function fallbackFileName(url: string): string {
  const u = new URL(url);
  const id = u.searchParams.get("wpdmdl");
  if (id !== null) return sanitizeFileName(`wpdmdl-${id}-${u.searchParams.get("ind") ?? "0"}`).name;
  return sanitizeFileName(u.pathname.split("/").at(-1) ?? "").name;
}
