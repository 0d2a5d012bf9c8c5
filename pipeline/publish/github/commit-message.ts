import type { ChangeSummary, RecordChanges } from "../../types.ts";

/**
 * What a bot commit records about itself in git trailers, so that a later run started from any
 * checkout can tell the bot's commits from a maintainer's and knows what the bot meant to publish.
 */
export interface PublicationMarks {
  /** Set when the commit is a publication laid on this base commit's tree: the branch held nothing else. */
  base?: string;
  /**
   * Paths where the commit keeps a maintainer's content instead of the publication's, with the blob
   * the publication wanted there (null: it wanted the path gone).
   */
  kept: { path: string; sha: string | null }[];
}

const PUBLICATION = "Accords-Ouverts-Publication";
const BASE = "Accords-Ouverts-Base";
const KEPT = "Accords-Ouverts-Kept";
const DELETED = "deleted";

function counts(name: string, r: RecordChanges): string {
  return `${name} +${r.added.length} ~${r.changed.length} -${r.removed.length}`;
}

export function commitMessage(summary: ChangeSummary, marks: PublicationMarks): string {
  const dateMaj = summary.sourcePage.after?.dateMaj;
  return [
    `Publish ${summary.slug}: ${counts("accords", summary.accords)}, ${counts("engagements", summary.engagements)}`,
    "",
    ...(dateMaj ? [`Source page updated ${dateMaj}.`, ""] : []),
    `${PUBLICATION}: ${summary.slug}`,
    ...(marks.base ? [`${BASE}: ${marks.base}`] : []),
    ...marks.kept.map((k) => `${KEPT}: ${k.sha ?? DELETED} ${k.path}`),
  ].join("\n");
}

/** The marks of a bot commit for `slug`, or null when the commit is someone else's. */
export function readPublicationCommit(message: string, slug: string): PublicationMarks | null {
  const trailers = message.split("\n").map((line) => line.trim());
  if (!trailers.includes(`${PUBLICATION}: ${slug}`)) return null;
  const marks: PublicationMarks = { kept: [] };
  for (const line of trailers) {
    const base = line.match(new RegExp(`^${BASE}: ([0-9a-f]{40})$`));
    if (base?.[1]) marks.base = base[1];
    const kept = line.match(new RegExp(`^${KEPT}: ([0-9a-f]{40}|${DELETED}) (.+)$`));
    if (kept?.[1] && kept[2]) marks.kept.push({ path: kept[2], sha: kept[1] === DELETED ? null : kept[1] });
  }
  return marks;
}
