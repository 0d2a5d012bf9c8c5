import { formatDiagnostic } from "../../errors.ts";
import type { ChangeSummary, FieldChange, RecordChanges, SourcePage } from "../../types.ts";

/** GitHub refuses a pull request body of 65,536 characters or more. */
export const BODY_LIMIT = 65_536;
/** Room left below the limit for what GitHub itself may add (line-ending normalisation). */
const BODY_BUDGET = BODY_LIMIT - 536;
/** Longest value shown for a field: a commitment's text can run to pages. */
const VALUE_CHARS = 240;

export interface Validation {
  ok: boolean;
  details: string[];
}

export function pullRequestTitle(slug: string): string {
  return `Publish dataset ${slug}`;
}

/** A commit status description: at most 140 characters. */
export function statusDescription(validation: Validation): string {
  const text = validation.ok
    ? "Validation passed"
    : `Validation failed: ${validation.details[0] ?? "see the run report"}`;
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

// ---------------------------------------------------------------- markdown that cannot be hijacked

/** Text from documents and web pages, made inert: no HTML, no mentions, no markup, one line. */
export function plain(value: string, max = VALUE_CHARS): string {
  const line = clip(value.replace(/\s+/g, " ").trim(), max);
  return line
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@\u200b");
}

/** A value as an inline code span (mentions and markup do not render inside one). */
export function code(value: string, max = VALUE_CHARS): string {
  const line = clip(value.replace(/\s+/g, " "), max);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return "_empty_";
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- body

/** How much detail a rendering keeps: every list is cut after `items` entries (0: counts only). */
interface Detail {
  items: number;
}

const DETAIL_LEVELS: Detail[] = [{ items: Number.POSITIVE_INFINITY }, { items: 100 }, { items: 20 }, { items: 0 }];

/** Renders `lines(item)` for the first `detail.items` items and says how many were left out. */
function list<T>(items: readonly T[], detail: Detail, lines: (item: T) => string[]): string[] {
  const kept = items.slice(0, detail.items);
  const out = kept.flatMap(lines);
  const left = items.length - kept.length;
  if (left > 0 && kept.length > 0) out.push(`- … and ${left.toLocaleString("en-US")} more`);
  return out;
}

function collapsible(summary: string, body: string[]): string[] {
  return body.length ? ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>", ""] : [];
}

function problems(summary: ChangeSummary, validation: Validation, detail: Detail): string[] {
  const out: string[] = [];
  const { rejected, warnings } = summary;
  if (rejected.length) {
    out.push(`**${plural(rejected.length, "document")} rejected** (no records published for them):`, "");
    out.push(...list(rejected, detail, (r) => [`- ${code(r.document)}: ${code(r.code)} ${plain(r.message)}`]), "");
  }
  const ocr = warnings.filter((w) => /ocr/i.test(w.code));
  const other = warnings.filter((w) => !/ocr/i.test(w.code));
  for (const [title, group] of [
    ["low-confidence OCR", ocr],
    ["extraction warning", other],
  ] as const) {
    if (!group.length) continue;
    out.push(`**${plural(group.length, title)}** (records published, worth a look):`, "");
    out.push(...list(group, detail, (w) => [`- ${plain(formatDiagnostic(w), 400)}`]), "");
  }
  const removedAccords = summary.accords.removed;
  const removedEngagements = summary.engagements.removed.length;
  if (removedAccords.length || removedEngagements) {
    const ids =
      removedAccords.length && detail.items > 0
        ? `: ${removedAccords
            .slice(0, detail.items)
            .map((id) => code(id))
            .join(", ")}`
        : "";
    const more = removedAccords.length > detail.items && detail.items > 0 ? ", …" : "";
    out.push(
      `**Removals**: ${plural(removedAccords.length, "agreement")}${ids}${more} and ${plural(removedEngagements, "commitment")} leave the dataset. Check that the source really withdrew them before merging.`,
      "",
    );
  }
  if (!validation.ok) out.push("**Validation failed**: see [Validation](#validation) below.", "");
  return out.length ? out : ["None.", ""];
}

function recordTable(summary: ChangeSummary): string[] {
  const row = (name: string, r: RecordChanges) =>
    `| ${name} | ${r.added.length.toLocaleString("en-US")} | ${r.changed.length.toLocaleString("en-US")} | ${r.removed.length.toLocaleString("en-US")} |`;
  return [
    "| | Added | Changed | Removed |",
    "|---|---:|---:|---:|",
    row("Agreements (`accords`)", summary.accords),
    row("Commitments (`engagements`)", summary.engagements),
    "",
  ];
}

function fieldLines(fields: FieldChange[]): string[] {
  return fields.map((f) => `  - ${code(f.field)}: ${shown(f.before)} → ${shown(f.after)}`);
}

function recordDetails(name: string, r: RecordChanges, detail: Detail): string[] {
  if (detail.items === 0) return [];
  const ids = (items: string[]) => list(items, detail, (id) => [`- ${code(id)}`]);
  return [
    ...collapsible(`${name} removed (${r.removed.length.toLocaleString("en-US")})`, ids(r.removed)),
    ...collapsible(`${name} added (${r.added.length.toLocaleString("en-US")})`, ids(r.added)),
    ...collapsible(
      `${name} changed (${r.changed.length.toLocaleString("en-US")})`,
      list(r.changed, detail, (c) => [`- ${code(c.id)}`, ...fieldLines(c.fields)]),
    ),
  ];
}

const PAGE_FIELDS: [keyof SourcePage, string][] = [
  ["dateMaj", "Last updated"],
  ["dateCreation", "Created"],
  ["fileCount", "Files listed"],
  ["totalSize", "Total size"],
];

function sourcePage(summary: ChangeSummary): string[] {
  const { before, after } = summary.sourcePage;
  if (!after && !before) return [];
  const cell = (page: SourcePage | null, key: keyof SourcePage) => {
    const value = page?.[key];
    return value === null || value === undefined ? "—" : plain(String(value), 80);
  };
  const rows = PAGE_FIELDS.map(([key, label]) => {
    const changed = (before?.[key] ?? null) !== (after?.[key] ?? null);
    return `| ${label} | ${cell(before, key)} | ${changed ? "**" : ""}${cell(after, key)}${changed ? "**" : ""} |`;
  });
  const url = after?.url ?? before?.url;
  return [
    "### Source page",
    "",
    ...(url ? [code(url, 300), ""] : []),
    "| | Before | Now |",
    "|---|---|---|",
    ...rows,
    "",
  ];
}

function files(summary: ChangeSummary, detail: Detail): string[] {
  const { added, changed, removed } = summary.files;
  const counts = `${added.length} added, ${changed.length} changed, ${removed.length} removed`;
  if (detail.items === 0) return ["### Files", "", counts, ""];
  const paths = (mark: string, items: string[]) => list(items, detail, (p) => [`- ${mark} ${code(p, 300)}`]);
  return [
    "### Files",
    "",
    ...collapsible(counts, [...paths("added", added), ...paths("changed", changed), ...paths("removed", removed)]),
  ];
}

function validationSection(validation: Validation, detail: Detail): string[] {
  const head = validation.ok ? "✅ Every check passed." : "❌ Validation failed: do not merge before fixing.";
  const details = list(validation.details, detail.items === 0 ? { items: 20 } : detail, (d) => [`- ${plain(d, 400)}`]);
  return ["### Validation", "", head, "", ...details, ...(details.length ? [""] : [])];
}

function render(summary: ChangeSummary, validation: Validation, detail: Detail): string {
  const shrunk =
    detail.items === Number.POSITIVE_INFINITY
      ? []
      : [
          detail.items === 0
            ? "> Too many changes to list here: counts only. The run report and the diff have the details."
            : `> Long lists are cut after ${detail.items} entries. The run report and the diff have the rest.`,
          "",
        ];
  return [
    `<!-- accords-ouverts:publication ${summary.slug} -->`,
    `## Publication of ${code(summary.slug)}`,
    "",
    ...shrunk,
    "### Problems",
    "",
    ...problems(summary, validation, detail),
    "### Records",
    "",
    ...recordTable(summary),
    ...recordDetails("Agreements", summary.accords, detail),
    ...recordDetails("Commitments", summary.engagements, detail),
    ...sourcePage(summary),
    ...files(summary, detail),
    ...validationSection(validation, detail),
    "---",
    "_Opened by the accords-ouverts publication workflow. Merge to publish; push fixes to this branch and the next run builds on them._",
    "",
  ].join("\n");
}

/**
 * The pull request body: problems first, then what changes. Shrinks step by step (everything →
 * lists cut with a count → counts only) until it fits below GitHub's limit; never fails for length.
 */
export function pullRequestBody(summary: ChangeSummary, validation: Validation, maxLength = BODY_BUDGET): string {
  for (const detail of DETAIL_LEVELS) {
    const body = render(summary, validation, detail);
    if (body.length <= maxLength) return body;
  }
  const note = "\n\n> Cut to fit GitHub's size limit.\n";
  return render(summary, validation, { items: 0 }).slice(0, maxLength - note.length) + note;
}

// ---------------------------------------------------------------- comments

export function closingComment(baseBranch: string, branch: string): string {
  return `The published files now match ${code(baseBranch)} again: nothing is left to publish, so this pull request is closed and ${code(branch)} deleted. The next change in the source opens a new one.`;
}

/** Said once per set of conflicting paths: `marker` lets a repeated run see it already spoke. */
export function conflictComment(marker: string, branch: string, paths: readonly string[]): string {
  const shown = paths.slice(0, 50).map((p) => `- ${code(p, 300)}`);
  if (paths.length > shown.length) shown.push(`- … and ${paths.length - shown.length} more`);
  return [
    marker,
    `The scheduled publication could not be applied: commits on ${code(branch)} that the bot did not make change files that the new publication changes too.`,
    "",
    ...shown,
    "",
    `The branch is left exactly as it is. To let the bot publish again, either merge or close this pull request and delete ${code(branch)}, or make these files match what the pipeline produces (see the run report).`,
  ].join("\n");
}
