import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** One JSON Schema 2020-12 validator with formats, shared by config and record validation. */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: options.useDefaults ?? false });
  addFormats.default(ajv);
  return ajv;
}
