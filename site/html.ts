/**
 * HTML built from tagged templates that escape every interpolated value unless it is already
 * `Html`: text from the datasets (which may hold <, & or quotes) can never become markup.
 */

export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type Fragment = Html | string | number | null | undefined | false | readonly Fragment[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for use between tags and inside double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(fragment: Fragment): string {
  if (fragment === null || fragment === undefined || fragment === false) return "";
  if (fragment instanceof Html) return fragment.value;
  if (Array.isArray(fragment)) return fragment.map(render).join("");
  return escapeHtml(String(fragment));
}

export function html(strings: TemplateStringsArray, ...fragments: Fragment[]): Html {
  let out = strings[0] ?? "";
  fragments.forEach((fragment, i) => {
    out += render(fragment) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup that the generator itself wrote (never data). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Only web links become `href`s: a `javascript:` or relative value taken from the data stays text. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

/** A link to a site-relative path, each segment percent-encoded (file names may hold spaces or `#`). */
export function sitePath(...segments: string[]): string {
  return segments.map(encodeURIComponent).join("/");
}
