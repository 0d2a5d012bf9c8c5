import accordSchema from "../../../schemas/accord.schema.json" with { type: "json" };
import engagementSchema from "../../../schemas/engagement.schema.json" with { type: "json" };
import type { Axis } from "../../types.ts";
import { axesToCsv } from "../serialize.ts";

/**
 * Frictionless Table Schemas (v2) of the two CSV files, derived from the record JSON Schemas so
 * that the two can never disagree: same columns in the same order, same descriptions, examples
 * and constraints. Only the CSV representation differs: null is an empty cell, `axes` is text.
 */

export const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

/** The subset of JSON Schema the record schemas use. */
export interface JsonSchemaProperty {
  description?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  examples?: unknown[];
}

export interface RecordJsonSchema {
  $id: string;
  title: string;
  description: string;
  required?: string[];
  properties: Record<string, JsonSchemaProperty>;
}

export interface TableSchemaField {
  name: string;
  type: "string" | "integer" | "number" | "date" | "boolean";
  format?: "uri" | "email";
  description?: string;
  example?: string;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    pattern?: string;
    enum?: (string | number)[];
    minLength?: number;
    maxLength?: number;
    minimum?: number;
    maximum?: number;
  };
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableSchema {
  $schema: string;
  fields: TableSchemaField[];
  missingValues: string[];
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
}

/** One published table: its CSV and JSON files, and what identifies its rows. */
export interface TableDefinition {
  /** Data Package resource name of the CSV, also the file stem. */
  name: "accords" | "engagements";
  /** Plural French title, e.g. "Accords". */
  title: string;
  jsonSchema: RecordJsonSchema;
  /** File name of the record JSON Schema in the repository's schemas/ folder. */
  jsonSchemaFile: string;
  primaryKey: string;
  foreignKeys: ForeignKey[];
}

export const TABLES: readonly TableDefinition[] = [
  {
    name: "accords",
    title: "Accords",
    jsonSchema: accordSchema as RecordJsonSchema,
    jsonSchemaFile: "accord.schema.json",
    primaryKey: "id_accord",
    foreignKeys: [],
  },
  {
    name: "engagements",
    title: "Engagements",
    jsonSchema: engagementSchema as RecordJsonSchema,
    jsonSchemaFile: "engagement.schema.json",
    primaryKey: "id_engagement",
    foreignKeys: [{ fields: ["id_accord"], reference: { resource: "accords", fields: ["id_accord"] } }],
  },
];

export const tableSchemaFile = (table: TableDefinition): string => `${table.name}.tableschema.json`;

export function tableSchema(table: TableDefinition): TableSchema {
  const { properties, required = [] } = table.jsonSchema;
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: Object.entries(properties).map(([name, property]) =>
      tableField(name, property, required.includes(name), name === table.primaryKey),
    ),
    missingValues: [""],
    primaryKey: [table.primaryKey],
    ...(table.foreignKeys.length > 0 ? { foreignKeys: table.foreignKeys } : {}),
  };
}

/** Scalar type of a property, and whether null is allowed. */
function baseType(name: string, property: JsonSchemaProperty): { type: string; nullable: boolean } {
  const types = Array.isArray(property.type) ? property.type : [property.type];
  const concrete = types.filter((t): t is string => t !== undefined && t !== "null");
  if (concrete.length !== 1) throw new Error(`table schema: ${name} must have exactly one non-null JSON type`);
  return { type: concrete[0] as string, nullable: types.includes("null") };
}

function tableField(name: string, property: JsonSchemaProperty, listed: boolean, key: boolean): TableSchemaField {
  const { type, nullable } = baseType(name, property);
  // Every column is listed in `required` (null is written explicitly in JSON); a CSV cell is
  // required only when null is not allowed, and an array only when it may not be empty.
  const required = listed && !nullable && (type !== "array" || (property.minItems ?? 0) > 0);
  const constraints: NonNullable<TableSchemaField["constraints"]> = {
    ...(required ? { required } : {}),
    ...(key ? { unique: true } : {}),
  };
  const field: TableSchemaField = { name, type: "string" };
  switch (type) {
    case "string":
      if (property.format === "date") field.type = "date";
      else if (property.format === "uri" || property.format === "email") field.format = property.format;
      else if (property.format !== undefined)
        throw new Error(`table schema: ${name} has unsupported format ${property.format}`);
      if (property.pattern !== undefined) constraints.pattern = tablePattern(property.pattern);
      if (property.minLength !== undefined) constraints.minLength = property.minLength;
      if (property.maxLength !== undefined) constraints.maxLength = property.maxLength;
      if (property.enum !== undefined) constraints.enum = property.enum.filter((v) => v !== null).map(String);
      break;
    case "integer":
    case "number":
      field.type = type;
      if (property.minimum !== undefined) constraints.minimum = property.minimum;
      if (property.maximum !== undefined) constraints.maximum = property.maximum;
      break;
    case "boolean":
      field.type = "boolean";
      break;
    case "array":
      break; // the CSV holds the contract's text form, see the description
    default:
      throw new Error(`table schema: ${name} has unsupported JSON type ${type}`);
  }
  if (property.description !== undefined) field.description = property.description;
  const example = property.examples?.[0];
  if (example !== undefined) field.example = csvExample(example);
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return field;
}

/** An example as it reads in the CSV (Table Schema examples are strings). */
function csvExample(example: unknown): string {
  if (Array.isArray(example)) return axesToCsv(example as Axis[]);
  return String(example);
}

/**
 * JSON Schema patterns search (anchors make them whole-value), Table Schema patterns always match
 * the whole value and use XML Schema syntax, which has neither anchors nor non-capturing groups.
 */
export function tablePattern(pattern: string): string {
  const anchored = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$");
  const body = anchored ? pattern.slice(1, -1) : `.*(${pattern}).*`;
  return body.replaceAll("(?:", "(");
}
