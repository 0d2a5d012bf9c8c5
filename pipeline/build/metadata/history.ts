import type { ChangeSummary, IsoDate, RecordChanges } from "../../types.ts";

/** Counts of one table's changes in one publication. */
export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

/** One publication that changed the published files (kept in datapackage.json, listed in the README). */
export interface HistoryEntry {
  date: IsoDate;
  summary: string;
  accords: ChangeCounts;
  engagements: ChangeCounts;
}

const counts = (c: RecordChanges): ChangeCounts => ({
  added: c.added.length,
  changed: c.changed.length,
  removed: c.removed.length,
});

/** "1 accord ajouté", "3 engagements modifiés", "0 engagement". */
function phrase(n: number, noun: string, participle = ""): string {
  const s = n > 1 ? "s" : "";
  return participle ? `${n} ${noun}${s} ${participle}${s}` : `${n} ${noun}${s}`;
}

function tableParts(c: ChangeCounts, noun: string): string[] {
  return [
    c.added > 0 ? phrase(c.added, noun, "ajouté") : "",
    c.changed > 0 ? phrase(c.changed, noun, "modifié") : "",
    c.removed > 0 ? phrase(c.removed, noun, "retiré") : "",
  ].filter(Boolean);
}

/**
 * The history line of a publication. The summary is stored with the entry so an old line never
 * changes when this wording does.
 */
export function historyEntry(
  date: IsoDate,
  changes: ChangeSummary,
  totals: { accords: number; engagements: number },
  first: boolean,
): HistoryEntry {
  const accords = counts(changes.accords);
  const engagements = counts(changes.engagements);
  let summary: string;
  if (first) {
    summary = `Première publication : ${phrase(totals.accords, "accord")}, ${phrase(totals.engagements, "engagement")}.`;
  } else {
    const parts = [...tableParts(accords, "accord"), ...tableParts(engagements, "engagement")];
    const { before, after } = changes.sourcePage;
    if (after?.dateMaj && after.dateMaj !== before?.dateMaj) parts.push(`page source mise à jour le ${after.dateMaj}`);
    summary = parts.length > 0 ? `${capitalise(parts.join(", "))}.` : "Fichiers régénérés, enregistrements inchangés.";
  }
  return { date, summary, accords, engagements };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
