/**
 * Checks what the fake GitHub sends (and what the client sends it) against GitHub's official OpenAPI
 * description from @octokit/openapi, so that the fake cannot drift from the real API.
 *
 * The description is the one with `$ref`s kept (api.github.com.json, same content as the .deref one):
 * each shared schema (a repository, a user) is converted and compiled once, on first use, instead of
 * once per place it appears.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { Served } from "../../helpers/fake-github.ts";

type Schema = Record<string, unknown>;
type Content = { $ref?: string; content?: { "application/json"?: { schema?: Schema } } };
interface Operation {
  responses: Record<string, Content>;
  requestBody?: Content;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Content> };
}

const ID = "https://api.github.com/openapi/components/";
let spec: Spec | undefined;
const validators = new Map<string, ValidateFunction>();
const registered = new Set<string>();
const ajv = new Ajv({
  strict: false,
  allErrors: false,
  validateSchema: false,
  inlineRefs: false,
  code: { optimize: false },
});
addFormats.default(ajv);
// GitHub's own format for "owner/name".
ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);

/**
 * OpenAPI 3.0 schema → JSON Schema: `nullable: true` becomes a "null" type (or an anyOf when there is
 * no type), and local references point into the description loaded under ID.
 */
function jsonSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "nullable") continue;
    if (key === "$ref" && typeof value === "string") out[key] = componentId(value);
    else if ((key === "properties" || key === "patternProperties") && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, jsonSchema(sub as Schema)]));
    } else if (
      (key === "items" || key === "additionalProperties" || key === "not") &&
      value &&
      typeof value === "object"
    ) {
      out[key] = jsonSchema(value as Schema);
    } else if ((key === "anyOf" || key === "oneOf" || key === "allOf") && Array.isArray(value)) {
      out[key] = value.map((sub) => jsonSchema(sub as Schema));
    } else out[key] = value;
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type !== "string") return { anyOf: [out, { type: "null" }] };
  out.type = [out.type, "null"];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

function componentName(ref: string): string {
  return ref.replace("#/components/schemas/", "");
}

function componentId(ref: string): string {
  return `${ID}${componentName(ref)}`;
}

/** Registers the components `schema` refers to, and theirs, each under its own id. */
function registerComponents(schema: unknown): void {
  if (Array.isArray(schema)) schema.forEach(registerComponents);
  else if (schema && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$ref" && typeof value === "string") {
        if (registered.has(value)) continue;
        registered.add(value);
        const component = loadSpec().components.schemas[componentName(value)];
        if (!component) throw new Error(`unknown reference ${value}`);
        ajv.addSchema(jsonSchema(component), componentId(value));
        registerComponents(component);
      } else registerComponents(value);
    }
  }
}

function loadSpec(): Spec {
  spec ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
  ) as Spec;
  return spec;
}

function jsonContent(content: Content | undefined): Schema | undefined {
  const resolved = content?.$ref
    ? loadSpec().components.responses[content.$ref.replace("#/components/responses/", "")]
    : content;
  return resolved?.content?.["application/json"]?.schema;
}

function validator(key: string, schema: Schema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    registerComponents(schema);
    validate = ajv.compile(jsonSchema(schema));
    validators.set(key, validate);
  }
  return validate;
}

function problems(what: string, validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${what}: ${e.instancePath || "(root)"} ${e.message}`);
}

/** What is wrong with one exchange according to GitHub's description (empty when nothing). */
export function openApiProblems(served: Served): string[] {
  if (served.route === "unmatched") return [`${served.method}: no such route in the fake`];
  const [method, template] = served.route.split(" ") as [string, string];
  const operation = loadSpec().paths[template]?.[method.toLowerCase()];
  if (!operation) return [`${served.route}: not in GitHub's OpenAPI description`];
  const out: string[] = [];
  const requestSchema = jsonContent(operation.requestBody);
  if (requestSchema && served.requestBody !== undefined) {
    out.push(
      ...problems(`${served.route} request`, validator(`${served.route} request`, requestSchema), served.requestBody),
    );
  }
  const documented = operation.responses[String(served.status)];
  if (served.status === 204) return documented ? out : [...out, `${served.route}: 204 is not documented`];
  const schema =
    jsonContent(documented) ??
    // Rate limits, 5xx and the like can come from any route: GitHub answers them with its basic error.
    (served.status >= 400 ? loadSpec().components.schemas["basic-error"] : undefined);
  if (!schema) return [...out, `${served.route}: status ${served.status} is not documented`];
  out.push(
    ...problems(`${served.route} ${served.status}`, validator(`${served.route} ${served.status}`, schema), served.body),
  );
  return out;
}
