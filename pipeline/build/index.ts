import { PipelineError } from "../errors.ts";
import type {
  AccordRecord,
  Diagnostic,
  EngagementRecord,
  ExtractedAgreement,
  FetchedDocument,
  IsoDate,
  OutputFile,
  PublishedStore,
  RecordChanges,
} from "../types.ts";
import { validateDataset, validateDocumentRecords } from "../validate/index.ts";
import { accordId, applyDates, diffRecords, toRecords } from "./records.ts";
import { datasetBytes } from "./serialize.ts";

export interface ExtractedDocument {
  document: FetchedDocument;
  agreement: ExtractedAgreement;
}

export interface PublishedRecords {
  accords: AccordRecord[];
  engagements: EngagementRecord[];
}

export interface DatasetBuildInput {
  slug: string;
  extracted: ExtractedDocument[];
  /** File names listed by the source but rejected in this run: their published records are kept as they are. */
  rejected: string[];
  previous: PublishedRecords;
  /** Where record dates carry over from, when not from `previous` (a publication awaiting review). */
  datesFrom?: PublishedRecords;
  store: PublishedStore;
  today: IsoDate;
  readDocument(document: FetchedDocument): Promise<Uint8Array>;
}

export interface DatasetBuild extends PublishedRecords {
  /** accords/engagements CSV and JSON, and documents/*.pdf. */
  files: OutputFile[];
  /** Published paths that this publication deletes (documents of removed agreements). */
  removals: string[];
  changes: { accords: RecordChanges; engagements: RecordChanges };
  /** Documents whose records failed validation: not published, their previous records kept. */
  invalid: { document: string; diagnostics: Diagnostic[] }[];
  /** Agreements kept from the previous publication because their document was rejected. */
  kept: string[];
}

export const datasetPaths = (slug: string) => ({
  accordsCsv: `${slug}/accords.csv`,
  accordsJson: `${slug}/accords.json`,
  engagementsCsv: `${slug}/engagements.csv`,
  engagementsJson: `${slug}/engagements.json`,
  document: (fileName: string) => `${slug}/documents/${fileName}`,
});

/** The records currently published for a dataset (none on a first publication). */
export async function readPublished(store: PublishedStore, slug: string): Promise<PublishedRecords> {
  const paths = datasetPaths(slug);
  const parse = async <T>(file: string): Promise<T[]> => {
    const bytes = await store.read(file);
    if (!bytes) return [];
    try {
      const value = JSON.parse(Buffer.from(bytes).toString("utf8"));
      if (!Array.isArray(value)) throw new Error("not an array");
      return value as T[];
    } catch (error) {
      throw new PipelineError({
        stage: "build",
        code: "published-unreadable",
        message: `the published ${file} cannot be read (${(error as Error).message}); fix or remove it before publishing again`,
        document: file,
      });
    }
  };
  return { accords: await parse(paths.accordsJson), engagements: await parse(paths.engagementsJson) };
}

/** Turns extracted agreements into the dataset's records and files, keeping what rejected documents had. */
export async function buildDataset(input: DatasetBuildInput): Promise<DatasetBuild> {
  const paths = datasetPaths(input.slug);
  const dated = input.datesFrom ?? input.previous;
  const previousAccords = new Map(dated.accords.map((a) => [a.id_accord, a]));
  const previousEngagements = new Map(dated.engagements.map((e) => [e.id_engagement, e]));

  const accords: AccordRecord[] = [];
  const engagements: EngagementRecord[] = [];
  const files: OutputFile[] = [];
  const invalid: DatasetBuild["invalid"] = [];
  const keptIds = new Set(input.rejected.map(accordId));

  for (const { document, agreement } of input.extracted) {
    const draft = toRecords(document, agreement);
    const accord = applyDates<AccordRecord>(draft.accord, previousAccords.get(draft.accord.id_accord), input.today);
    const its = draft.engagements.map((e) =>
      applyDates<EngagementRecord>(e, previousEngagements.get(e.id_engagement), input.today),
    );
    const diagnostics = validateDocumentRecords(accord, its);
    if (diagnostics.length) {
      invalid.push({ document: document.ref.fileName, diagnostics });
      keptIds.add(accord.id_accord);
      continue;
    }
    accords.push(accord);
    engagements.push(...its);
    files.push({ path: paths.document(accord.nom_fichier), content: await input.readDocument(document) });
  }

  const kept: string[] = [];
  const builtIds = new Set(accords.map((a) => a.id_accord));
  let previousEngagementsOf: Map<string, EngagementRecord[]> | undefined;
  for (const old of input.previous.accords) {
    if (!keptIds.has(old.id_accord) || builtIds.has(old.id_accord)) continue;
    builtIds.add(old.id_accord);
    previousEngagementsOf ??= groupBy(input.previous.engagements, (e) => e.id_accord);
    kept.push(old.id_accord);
    accords.push(old);
    engagements.push(...(previousEngagementsOf.get(old.id_accord) ?? []));
    const pdf = await input.store.read(paths.document(old.nom_fichier));
    if (pdf) files.push({ path: paths.document(old.nom_fichier), content: pdf });
  }

  const problems = validateDataset(accords, engagements);
  if (problems.length) {
    throw new PipelineError({
      stage: "validate",
      code: problems[0]?.code ?? "dataset",
      message: `the dataset ${input.slug} breaks cross-record rules: ${problems.map((p) => p.message).join("; ")}`,
    });
  }

  const published = new Set(files.map((f) => f.path));
  const removals = input.previous.accords
    .map((a) => paths.document(a.nom_fichier))
    .filter((p) => !published.has(p))
    .sort();
  const data = datasetBytes(accords, engagements);
  files.unshift(
    { path: paths.accordsCsv, content: data.accordsCsv },
    { path: paths.accordsJson, content: data.accordsJson },
    { path: paths.engagementsCsv, content: data.engagementsCsv },
    { path: paths.engagementsJson, content: data.engagementsJson },
  );
  return {
    accords,
    engagements,
    files,
    removals,
    invalid,
    kept,
    changes: {
      accords: diffRecords(input.previous.accords, accords, (a) => a.id_accord),
      engagements: diffRecords(input.previous.engagements, engagements, (e) => e.id_engagement),
    },
  };
}

/** Items by key, in their original order within each key. */
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
