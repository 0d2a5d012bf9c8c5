import type { MetadataConfig } from "./config.ts";
import { TABLES, type TableDefinition, tableSchemaFile } from "./table-schema.ts";
import { schemaUrl } from "./urls.ts";

/** The published files of a dataset that the Data Package and the catalog describe. */
export interface ResourceSpec {
  /** Data Package resource name. */
  name: string;
  /** Path relative to the dataset folder. */
  file: string;
  format: "csv" | "json";
  mediatype: "text/csv" | "application/json";
  title: string;
  description: string;
  /** The table whose records the file holds; a CSV also embeds its Table Schema in the Data Package. */
  records?: TableDefinition;
  /** What the file conforms to, for dct:conformsTo. */
  conformsTo: (config: MetadataConfig) => string;
}

export const DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";

function csvSpec(table: TableDefinition): ResourceSpec {
  return {
    name: table.name,
    file: `${table.name}.csv`,
    format: "csv",
    mediatype: "text/csv",
    title: `${table.title} (CSV)`,
    description: `${table.jsonSchema.description} Une ligne par enregistrement, valeur vide pour une donnée inconnue.`,
    records: table,
    conformsTo: (config) => schemaUrl(config, tableSchemaFile(table)),
  };
}

function jsonSpec(table: TableDefinition): ResourceSpec {
  return {
    name: `${table.name}-json`,
    file: `${table.name}.json`,
    format: "json",
    mediatype: "application/json",
    title: `${table.title} (JSON)`,
    description: `Les mêmes enregistrements que ${table.name}.csv, en JSON : un tableau d'objets conformes au schéma JSON ${table.jsonSchemaFile}, null pour une donnée inconnue.`,
    records: table,
    conformsTo: (config) => schemaUrl(config, table.jsonSchemaFile),
  };
}

/** Tables first (CSV), then the same records in JSON. */
export const DATA_RESOURCES: readonly ResourceSpec[] = [...TABLES.map(csvSpec), ...TABLES.map(jsonSpec)];

/** The Data Package descriptor itself, one more distribution in the catalog. */
export const DATAPACKAGE_RESOURCE: ResourceSpec = {
  name: "datapackage",
  file: "datapackage.json",
  format: "json",
  mediatype: "application/json",
  title: "Métadonnées (Frictionless Data Package)",
  description:
    "Description du jeu de données au format Frictionless Data Package v2 : fichiers, empreintes, dates, schémas de table et historique des mises à jour.",
  conformsTo: () => DATAPACKAGE_PROFILE,
};
