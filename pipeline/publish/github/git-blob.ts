import { createHash } from "node:crypto";

/** The object id git (and GitHub) gives these bytes: sha1 of `blob <length>\0` followed by the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The file as a string when it can travel inline in a tree request without changing a byte
 * (valid UTF-8, no NUL); `null` for binary content, which must go through a base64 blob.
 */
export function inlineText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
