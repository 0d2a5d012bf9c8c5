import type { AccordRecord, EngagementRecord, IsoDate, Porteur } from "../pipeline/types.ts";

/** A file of the datasets folder that the site republishes; `path` is relative to that folder, POSIX. */
export interface PublishedFile {
  path: string;
  bytes: number;
}

export interface Link {
  title: string;
  url: string;
}

export interface DatasetMeta {
  title: string;
  description: string | null;
  /** The datapackage's `modified`, as a date. */
  modified: IsoDate | null;
  licence: Link | null;
  /** The web pages that list the source PDFs. */
  sourcePages: Link[];
}

export interface Dataset {
  slug: string;
  meta: DatasetMeta;
  accords: AccordRecord[];
  engagements: EngagementRecord[];
  files: PublishedFile[];
}

/** Everything the site is made from: the datasets folder, read and validated. */
export interface SiteInput {
  datasets: Dataset[];
  /** Files at the root of the datasets folder that concern every dataset (DCAT-AP catalog, schemas). */
  sharedFiles: PublishedFile[];
}

export class SiteError extends Error {
  override name = "SiteError";
}

export const PORTEURS: readonly Porteur[] = ["region", "partenaire", "conjoint"];

export const PORTEUR_LABELS: Record<Porteur, string> = {
  region: "Région",
  partenaire: "Partenaire",
  conjoint: "Conjoint (les deux parties)",
};

/** One axis of one agreement, with its commitments; `numero` null gathers those outside any axis. */
export interface AxisGroup {
  numero: string | null;
  intitule: string | null;
  engagements: EngagementRecord[];
}

function compareNumero(a: string, b: string): number {
  const byNumber = Number.parseFloat(a) - Number.parseFloat(b);
  if (!Number.isNaN(byNumber) && byNumber !== 0) return byNumber;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The agreement's axes in the order the document lists them, each with its commitments; axes
 * that only the commitments name come next, then the commitments outside any axis.
 */
export function axisGroups(accord: AccordRecord, engagements: readonly EngagementRecord[]): AxisGroup[] {
  const groups = new Map<string | null, AxisGroup>();
  for (const axis of accord.axes) groups.set(axis.numero, { ...axis, engagements: [] });
  const extra: AxisGroup[] = [];
  for (const e of engagements) {
    let group = groups.get(e.numero_axe);
    if (!group) {
      group = { numero: e.numero_axe, intitule: e.intitule_axe, engagements: [] };
      groups.set(e.numero_axe, group);
      extra.push(group);
    }
    group.engagements.push(e);
  }
  const listed = [...new Set(accord.axes.map((axis) => axis.numero))].map((numero) => groups.get(numero) as AxisGroup);
  const unlisted = extra.filter((g) => g.numero !== null).sort((a, b) => compareNumero(a.numero ?? "", b.numero ?? ""));
  const outside = extra.filter((g) => g.numero === null);
  return [...listed, ...unlisted, ...outside];
}

export function axisLabel(group: Pick<AxisGroup, "numero" | "intitule">): string {
  if (group.numero === null) return "Hors axe";
  return group.intitule ? `Axe ${group.numero} : ${group.intitule}` : `Axe ${group.numero}`;
}

export function engagementsOf(dataset: Dataset, idAccord: string): EngagementRecord[] {
  return dataset.engagements.filter((e) => e.id_accord === idAccord);
}

/** Where the agreement's own page lives, relative to the site root. */
export function accordPagePath(dataset: Dataset, accord: AccordRecord): string {
  return `${dataset.slug}/${accord.id_accord}.html`;
}

export function hasFile(dataset: Dataset, relativePath: string): boolean {
  return dataset.files.some((f) => f.path === `${dataset.slug}/${relativePath}`);
}
