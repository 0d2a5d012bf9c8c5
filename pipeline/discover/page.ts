/**
 * Reads a WordPress Download Manager package page. Metadata rows are found by their labels
 * and files by their link targets, never by CSS classes, so that a theme or plugin update that
 * changes the markup does not silently empty the dataset.
 */
import { type CheerioAPI, load } from "cheerio/slim";
import type { AnyNode, Element, Text } from "domhandler";
import type { Diagnostic, DocumentRef, SourcePage } from "../types.ts";
import { parseDisplayDate } from "./dates.ts";
import { fallbackFileName, quoteName, sanitizeFileName, uniqueFileNames } from "./filename.ts";
import { isHostAllowed } from "./hosts.ts";

/** French labels of the WPDM default template, then the English ones. */
const LABELS = {
  dateMaj: ["Dernière mise à jour", "Last Updated"],
  dateCreation: ["Date de création", "Create Date"],
  fileCount: ["Nombre de fichiers", "File Count"],
  totalSize: ["Taille totale", "Total Size", "File Size"],
} as const;

type Field = keyof typeof LABELS;

const DESCRIPTION_BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre";
const NOT_TEXT = "script, style, noscript, template";
/** Site chrome: its links (a sitemap PDF in the menu) and paragraphs are not the package's. */
const CHROME = "header, footer, nav, aside";
const OUTSIDE_CONTENT = `${CHROME}, form, ${NOT_TEXT}`;

export interface ParsedPackagePage {
  page: SourcePage;
  documents: DocumentRef[];
  warnings: Diagnostic[];
}

/** Case, accents, spacing and a trailing colon do not matter in a label. */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").replace(/\s*:$/, "").trim();
}

function clean(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

interface Labelled {
  label: Element;
  value: string;
}

/**
 * The value printed next to a label: the next sibling cell/element of the outermost element
 * holding only the label (`<td>Label</td><th>value</th>`, `<dt>`/`<dd>`, `<span>`s), else the text
 * that follows the label in its parent (`<li><b>Label :</b> value</li>`, `<p>Label : value</p>`).
 */
function findLabelled($: CheerioAPI, textNodes: Text[], labels: readonly string[]): Labelled | null {
  const wanted = labels.map(fold);
  for (const node of textNodes) {
    const raw = node.data;
    const folded = fold(raw);
    const parent = node.parent;
    if (parent?.type !== "tag") continue;
    if (wanted.includes(folded)) {
      let label: Element = parent;
      while (label.parent?.type === "tag" && fold($(label.parent).text()) === folded) label = label.parent;
      const next = clean($(label).next().text());
      if (next) return { label, value: next };
      const around = label.parent?.type === "tag" ? clean($(label.parent).text()) : "";
      const rest = clean(around.slice(clean($(label).text()).length).replace(/^\s*:/, ""));
      if (rest) return { label, value: rest };
      continue;
    }
    const inline = wanted.find((w) => folded.startsWith(`${w} :`) || folded.startsWith(`${w}:`));
    if (inline) {
      const value = clean(raw.slice(raw.indexOf(":") + 1));
      if (value) return { label: parent, value };
    }
  }
  return null;
}

function commonAncestor(elements: Element[]): Element | null {
  const [first, ...others] = elements;
  for (let c = first?.parent; c?.type === "tag"; c = c.parent) {
    const candidate = c;
    if (others.every((e) => isInside(e, candidate))) return candidate;
  }
  return null;
}

function isInside(node: AnyNode, ancestor: Element): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

function readTitle($: CheerioAPI): string | null {
  const entry = clean($(".entry-title").first().text());
  if (entry) return entry;
  const og = clean($('meta[property="og:title"]').attr("content") ?? "");
  if (og) return og;
  const title = clean($("title").first().text());
  if (!title) return clean($("h1").first().text()) || null;
  // "<page> – <site>": the site name is known from og:site_name, else it is the last part.
  const site = clean($('meta[property="og:site_name"]').attr("content") ?? "");
  const withoutSite = site && title.endsWith(site) ? title.slice(0, -site.length).replace(/\s*[–—|-]\s*$/, "") : "";
  if (withoutSite) return withoutSite;
  const suffixAt = Math.max(...[" – ", " — ", " - ", " | "].map((sep) => title.lastIndexOf(sep)));
  return suffixAt > 0 ? title.slice(0, suffixAt) : title;
}

interface FoundLink {
  url: string;
  /** Name printed by the page or its URL; null when only the server can tell. */
  name: string | null;
  element: Element;
}

/** A link to one PDF file, or null (navigation, package zip, anchors). */
function classifyLink($: CheerioAPI, element: Element, raw: string, pageUrl: string): FoundLink | null {
  const href = raw.trim();
  if (href === "" || href.startsWith("#") || /^(javascript|mailto|tel|data):/i.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.hash = "";
  if (/\.pdf$/i.test(url.pathname)) return { url: url.href, name: url.pathname.split("/").at(-1) ?? null, element };
  if (!url.searchParams.has("wpdmdl")) return null;
  const fileName = url.searchParams.get("filename");
  if (fileName) return { url: url.href, name: fileName, element };
  // Without `ind` the link downloads the whole package as a zip.
  if (!url.searchParams.has("ind")) return null;
  const rowName = clean($(element).closest("tr").children("td, th").first().text());
  const linkText = clean($(element).text());
  return { url: url.href, name: rowName || (/\.pdf$/i.test(linkText) ? linkText : null), element };
}

function findLinks($: CheerioAPI, pageUrl: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const element of $("[href], [data-downloadurl]").toArray()) {
    if (element.name === "link" || $(element).closest(CHROME).length > 0) continue;
    for (const attr of ["href", "data-downloadurl"]) {
      const raw = element.attribs[attr];
      const link = raw === undefined ? null : classifyLink($, element, raw, pageUrl);
      if (link) links.push(link);
    }
  }
  return links;
}

/** Text blocks after the metadata block, inside the content, that are not file links nor only links. */
function readDescription($: CheerioAPI, anchor: Element | null, fileLinks: ReadonlySet<Element>): string | null {
  const elements = $("*").toArray();
  const order = new Map(elements.map((e, i) => [e, i]));
  const after = anchor ? (order.get(anchor) ?? 0) + $(anchor).find("*").length : -1;
  const root = [$("article"), $("main"), $("body")].find((r) => r.length > 0)?.first();
  const paragraphs: string[] = [];
  for (const block of (root ?? $("*")).find(DESCRIPTION_BLOCKS).toArray()) {
    if ((order.get(block) ?? 0) <= after) continue;
    const $block = $(block);
    if ($block.closest(OUTSIDE_CONTENT).length > 0 || $block.find(DESCRIPTION_BLOCKS).length > 0) continue;
    const holdsFileLink = $block
      .find("*")
      .toArray()
      .some((e) => fileLinks.has(e));
    if (holdsFileLink) continue;
    const text = clean($block.text());
    const controls = clean($block.find("a, button").text());
    if (text && text.replace(/\s/g, "") !== controls.replace(/\s/g, "")) paragraphs.push(text);
  }
  return paragraphs.length > 0 ? paragraphs.join("\n\n") : null;
}

/**
 * Pure: the package metadata and its PDF files, from the HTML of the page at `pageUrl`.
 * With `allowedHosts`, links to other hosts are left out (warning `host-not-allowed`) before
 * names are made unique. Runs keep what it finds while the page does not change: a change to what
 * it finds in the same HTML must bump DISCOVERY_VERSION (memory.ts).
 */
export function parsePackagePage(html: string, pageUrl: string, allowedHosts?: ReadonlySet<string>): ParsedPackagePage {
  const $ = load(html);
  const warnings: Diagnostic[] = [];
  const warn = (code: string, message: string, document = pageUrl) =>
    warnings.push({ stage: "discover", code, message, document });

  const textNodes = $("body *")
    .not(NOT_TEXT)
    .contents()
    .toArray()
    .filter((n): n is Text => n.type === "text" && n.data.trim() !== "");
  const labelled = new Map<Field, Labelled>();
  for (const field of Object.keys(LABELS) as Field[]) {
    const hit = findLabelled($, textNodes, LABELS[field]);
    if (hit) labelled.set(field, hit);
  }
  const value = (field: Field) => labelled.get(field)?.value ?? null;
  const date = (field: Field) => {
    const printed = value(field);
    const parsed = printed === null ? null : parseDisplayDate(printed);
    if (printed !== null && parsed === null) warn("bad-metadata", `"${LABELS[field][0]}": not a date: "${printed}"`);
    return parsed;
  };
  const countText = value("fileCount");
  const fileCount = countText === null ? null : Number(/\d+/.exec(countText)?.[0] ?? Number.NaN);
  if (countText !== null && Number.isNaN(fileCount))
    warn("bad-metadata", `"${LABELS.fileCount[0]}": not a number: "${countText}"`);

  const found = findLinks($, pageUrl);
  const links: FoundLink[] = [];
  const seen = new Set<string>();
  for (const link of found) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    if (allowedHosts && !isHostAllowed(new URL(link.url), allowedHosts)) {
      warn("host-not-allowed", `link to ${link.url} ignored: host ${new URL(link.url).host} is not allowed`);
      continue;
    }
    links.push(link);
  }

  const page: SourcePage = {
    url: pageUrl,
    title: readTitle($),
    description: readDescription(
      $,
      commonAncestor([...labelled.values()].map((f) => f.label)),
      new Set(found.map((l) => l.element)),
    ),
    dateCreation: date("dateCreation"),
    dateMaj: date("dateMaj"),
    fileCount: Number.isNaN(fileCount) ? null : fileCount,
    totalSize: value("totalSize"),
  };

  const sanitised = links.map((link) => {
    if (link.name === null) {
      const name = fallbackFileName(link.url);
      warn("no-file-name", `no file name for ${link.url}: named "${name}" until the server tells`, name);
      return name;
    }
    const { name, changed } = sanitizeFileName(link.name);
    if (changed) warn("file-name-sanitised", `file name ${quoteName(link.name)} of ${link.url} became "${name}"`, name);
    return name;
  });
  const names = uniqueFileNames(sanitised);
  const documents = links.map((link, i): DocumentRef => {
    const fileName = names[i] as string;
    if (fileName !== sanitised[i])
      warn("duplicate-file-name", `${link.url}: "${sanitised[i]}" is taken, named "${fileName}"`, fileName);
    return { url: link.url, fileName, page };
  });

  if (documents.length === 0) warn("no-files", "the page lists no PDF file");
  if (page.fileCount !== null && page.fileCount !== documents.length)
    warn("file-count-mismatch", `the page announces ${page.fileCount} file(s), ${documents.length} found`);
  return { page, documents, warnings };
}
