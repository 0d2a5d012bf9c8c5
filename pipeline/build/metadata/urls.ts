import type { MetadataConfig } from "./config.ts";

/**
 * Every address the metadata gives out. They depend on the configuration and the slug or file
 * path only, never on dates or content, so harvesters see the same resource from run to run.
 */

export const catalogUri = (config: MetadataConfig): string => `${config.catalogBaseUri}catalog`;

export const datasetUri = (config: MetadataConfig, slug: string): string => `${config.catalogBaseUri}datasets/${slug}`;

/** `file` is relative to the dataset folder, e.g. "accords.csv". */
export const distributionUri = (config: MetadataConfig, slug: string, file: string): string =>
  `${datasetUri(config, slug)}/distributions/${encodePath(file)}`;

/** `path` is relative to the output root, e.g. "<slug>/accords.csv". */
export const downloadUrl = (config: MetadataConfig, path: string): string =>
  `${config.publicBaseUrl}${encodePath(path)}`;

export const landingPage = (config: MetadataConfig, slug: string): string => `${config.landingPageBaseUrl}${slug}`;

/** `file` is one of `buildSchemaFiles()`'s names, e.g. "accords.tableschema.json". */
export const schemaUrl = (config: MetadataConfig, file: string): string => `${config.schemaBaseUrl}${encodePath(file)}`;

/** An address a reader can open (a file:// URL of a local source is not one). */
export const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
