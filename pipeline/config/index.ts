import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import configSchema from "../../schemas/config.schema.json" with { type: "json" };
import metadataSchema from "../../schemas/metadata-config.schema.json" with { type: "json" };
import { PipelineError } from "../errors.ts";
import type { DatasetConfig, PipelineConfig, SourceConfig } from "../types.ts";
import { standaloneValidator } from "../validate/standalone.ts";

/** What the command line may change in the configuration for one run. */
export interface ConfigOverrides {
  target?: "local" | "github";
  /** `--no-ocr`. */
  noOcr?: boolean;
  /** Replaces the sources of the selected dataset; allows that URL's host and scheme. */
  source?: string;
  only?: string;
  out?: string;
}

let configValidator: Promise<ValidateFunction> | undefined;
const validateConfig = () =>
  (configValidator ??= standaloneValidator({
    name: "config",
    schema: configSchema,
    refs: [metadataSchema],
    useDefaults: true,
  }));

function configError(message: string, field?: string): PipelineError {
  return new PipelineError({ stage: "config", code: "config", message, ...(field ? { field } : {}) });
}

/** `/datasets/0/slug must match pattern …` — the field first, then the rule. */
export function describeSchemaError(e: ErrorObject): string {
  const field = e.instancePath || "(root)";
  if (e.keyword === "additionalProperties") return `${field}: unknown field "${e.params.additionalProperty}"`;
  if (e.keyword === "required") return `${field}: missing field "${e.params.missingProperty}"`;
  return `${field} ${e.message ?? "is invalid"}${e.keyword === "enum" ? ` (${e.params.allowedValues.join(", ")})` : ""}`;
}

/** Validates a parsed configuration, fills defaults, resolves paths against `baseDir`, applies overrides. */
export async function resolveConfig(
  raw: unknown,
  baseDir: string,
  overrides: ConfigOverrides = {},
  cwd = process.cwd(),
): Promise<PipelineConfig> {
  const data = structuredClone(raw) as Record<string, unknown>;
  // Sections whose fields all have defaults are filled even when absent.
  if (data && typeof data === "object") {
    data.limits ??= {};
    data.removals ??= {};
    data.ocr ??= {};
  }
  const validate = await validateConfig();
  if (!validate(data)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "oneOf" && e.keyword !== "if");
    throw configError(`invalid configuration: ${errors.map(describeSchemaError).join("; ")}`, errors[0]?.instancePath);
  }
  const config = data as unknown as PipelineConfig;
  const slugs = config.datasets.map((d) => d.slug);
  const duplicate = slugs.find((s, i) => slugs.indexOf(s) !== i);
  if (duplicate) throw configError(`dataset slug "${duplicate}" appears twice`, "/datasets");

  let datasets = config.datasets.map((d) => ({
    ...d,
    sources: d.sources.map(
      (s): SourceConfig => (s.kind === "directory" ? { ...s, path: path.resolve(baseDir, s.path) } : s),
    ),
  }));
  if (overrides.only) {
    datasets = datasets.filter((d) => d.slug === overrides.only);
    if (datasets.length === 0) throw configError(`--only ${overrides.only}: no such dataset (${slugs.join(", ")})`);
  }
  if (overrides.source) {
    if (datasets.length !== 1) throw configError("--source replaces the source of one dataset: add --only SLUG");
    datasets = [await withSource(datasets[0] as DatasetConfig, overrides.source, cwd)];
  }
  return {
    ...config,
    target: overrides.target ?? config.target,
    ocr: overrides.noOcr ? { ...config.ocr, enabled: false } : config.ocr,
    output: path.resolve(overrides.out ? cwd : baseDir, overrides.out ?? config.output),
    cacheDir: path.resolve(baseDir, config.cacheDir),
    datasets,
  };
}

async function withSource(dataset: DatasetConfig, source: string, cwd: string): Promise<DatasetConfig> {
  if (/^https?:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw configError(`--source ${source}: not a valid URL`);
    }
    return {
      ...dataset,
      sources: [{ kind: "page", url: url.href }],
      allowedHosts: [...dataset.allowedHosts, url.host],
    };
  }
  const dir = path.resolve(cwd, source);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw configError(`--source ${source}: neither an http(s) URL nor a folder`);
  return { ...dataset, sources: [{ kind: "directory", path: dir }] };
}

/** Reads and resolves a configuration file. */
export async function loadConfig(file: string, overrides: ConfigOverrides = {}): Promise<PipelineConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw configError(`cannot read configuration ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw configError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return resolveConfig(raw, path.dirname(path.resolve(file)), overrides);
}

/** Schemes a dataset may be fetched with: https, plus http where its configured sources name http URLs. */
export function allowedSchemes(dataset: DatasetConfig): Set<"https:" | "http:"> {
  const schemes = new Set<"https:" | "http:">(["https:"]);
  for (const s of dataset.sources) if (s.kind === "page" && s.url.startsWith("http:")) schemes.add("http:");
  return schemes;
}
