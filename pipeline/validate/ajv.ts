import { _, Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * One JSON Schema 2020-12 validator with formats, shared by config and record validation.
 *
 * `quick` makes a validator that only answers valid or not, fast: it stops at the first error and
 * measures strings in UTF-16 code units (ajv's `unicode: false`, deprecated but honoured) instead
 * of code points, which agree only on strings without a surrogate pair. Its caller must send
 * strings with one, and records it rejects, to a complete validator; it logs nothing, since the
 * complete validator compiles the same schemas and reports the same warnings.
 *
 * `standalone` keeps the source of what it compiles, for `standaloneValidator`, with formats that
 * code takes from ajv-formats.
 */
export function createAjv(options: { useDefaults?: boolean; quick?: boolean; standalone?: boolean } = {}): Ajv2020 {
  const quick = options.quick ?? false;
  const ajv = new Ajv2020({
    allErrors: !quick,
    strict: true,
    useDefaults: options.useDefaults ?? false,
    ...(quick ? { unicode: false, logger: false } : {}),
    ...(options.standalone
      ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }
      : {}),
  });
  addFormats.default(ajv);
  return ajv;
}
