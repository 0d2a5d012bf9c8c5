/**
 * A schema's validator compiled once to JavaScript (ajv's standalone code) and kept on disk, so that
 * later processes load it without ajv: importing ajv and compiling the configuration schema take
 * about a quarter of a second, a quarter of a run that finds nothing changed.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import { packageVersion, writeAtomic } from "../files.ts";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where build tools keep what they can always make again; `npm ci` empties it. */
export const STANDALONE_DIR = path.join(root, "node_modules", ".cache", "accords-ouverts", "validators");

export interface StandaloneSpec {
  /** Names the file, for whoever looks into the folder. */
  name: string;
  schema: object;
  /** Schemas `schema` refers to by `$id`. */
  refs?: object[];
  useDefaults?: boolean;
}

/**
 * The validator of `spec`, loaded from `dir` when an earlier process compiled it with the same
 * schemas, options and ajv versions (the file is named by their digest), compiled and kept otherwise.
 * A file that cannot be loaded (damaged, or the project moved) is compiled again; one that cannot
 * be written costs only the time.
 */
export async function standaloneValidator(spec: StandaloneSpec, dir = STANDALONE_DIR): Promise<ValidateFunction> {
  const digest = createHash("sha256")
    .update(JSON.stringify([packageVersion("ajv"), packageVersion("ajv-formats"), spec]))
    .digest("hex")
    .slice(0, 16);
  const file = path.join(dir, `${spec.name}-${digest}.cjs`);
  try {
    return require(file) as ValidateFunction;
  } catch {
    // Not compiled yet (or damaged): compile below.
  }
  const [{ createAjv }, { default: standaloneCode }] = await Promise.all([
    import("./ajv.ts"),
    import("ajv/dist/standalone/index.js"),
  ]);
  const ajv = createAjv({ useDefaults: spec.useDefaults ?? false, standalone: true });
  for (const ref of spec.refs ?? []) ajv.addSchema(ref);
  const validate = ajv.compile(spec.schema);
  // The code requires ajv's runtime helpers: by absolute path, so that it loads from any folder.
  const code = standaloneCode
    .default(ajv, validate)
    .replace(/require\("([^"]+)"\)/g, (_, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
  await writeAtomic(file, Buffer.from(code)).catch(() => undefined);
  return validate;
}
