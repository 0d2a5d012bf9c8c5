import type { OutputFile } from "../../types.ts";
import { TABLES, tableSchema, tableSchemaFile } from "./table-schema.ts";

/**
 * The schemas the catalog points to with dct:conformsTo, published next to the data (under
 * `schemas/` in the output folder, served at `schemaBaseUrl`) so that the schema a harvester
 * reads is always the one the published files were written with.
 */
export function buildSchemaFiles(): OutputFile[] {
  return TABLES.flatMap((table) => [
    jsonFile(`schemas/${tableSchemaFile(table)}`, tableSchema(table)),
    jsonFile(`schemas/${table.jsonSchemaFile}`, table.jsonSchema),
  ]);
}

export function jsonFile(path: string, value: unknown): OutputFile {
  return { path, content: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}
