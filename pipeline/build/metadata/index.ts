import type {
  AccordRecord,
  ChangeSummary,
  DatasetConfig,
  EngagementRecord,
  IsoDate,
  OutputFile,
  PublishedStore,
  SourcePage,
} from "../../types.ts";
import type { MetadataConfig } from "./config.ts";
import { buildDatapackage, readDatapackage } from "./datapackage.ts";
import { renderReadme } from "./readme.ts";
import { jsonFile } from "./schema-files.ts";
import { assertValidDatapackage } from "./validate-metadata.ts";

export { buildCatalog, type CatalogInput } from "./catalog.ts";
export {
  DEFAULT_METADATA_CONFIG,
  type MetadataConfig,
  type MetadataConfigInput,
  resolveMetadataConfig,
} from "./config.ts";
export type { Datapackage } from "./datapackage.ts";
export type { HistoryEntry } from "./history.ts";
export { buildSchemaFiles } from "./schema-files.ts";

export interface DatasetMetadataInput {
  dataset: DatasetConfig;
  page: SourcePage | null;
  accords: AccordRecord[];
  engagements: EngagementRecord[];
  /** The dataset's data files (CSV, JSON, documents/*.pdf), not datapackage.json nor README.md. */
  dataFiles: OutputFile[];
  /** What is published now, same relative paths (e.g. "<slug>/datapackage.json"). */
  previous: PublishedStore;
  /** UTC date of the run. */
  today: IsoDate;
  config: MetadataConfig;
  /** What this publication changes, for the history line. */
  changes: ChangeSummary;
}

/**
 * `<slug>/datapackage.json` and `<slug>/README.md`. A resource's dates, size and hash move only
 * when its bytes change; an unchanged dataset gives byte-identical files. Throws `invalid-metadata`
 * when the descriptor fails the official Data Package v2 profile.
 */
export async function buildDatasetMetadata(input: DatasetMetadataInput): Promise<OutputFile[]> {
  const path = `${input.dataset.slug}/datapackage.json`;
  const published = await input.previous.read(path);
  const datapackage = buildDatapackage({ ...input, previous: published && readDatapackage(published, path) });
  const descriptor = jsonFile(path, datapackage);
  // The published descriptor was validated when it was written: the same bytes need no new check.
  if (!published || !Buffer.from(published).equals(descriptor.content)) await assertValidDatapackage(datapackage, path);
  const readme = renderReadme({ ...input, datapackage });
  return [descriptor, { path: `${input.dataset.slug}/README.md`, content: new TextEncoder().encode(readme) }];
}
