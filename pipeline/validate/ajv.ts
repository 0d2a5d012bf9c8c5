import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * One JSON Schema 2020-12 validator with formats, shared by config and record validation.
 *
 * `quick` makes a validator that only answers valid or not, fast: it stops at the first error and
 * measures strings in UTF-16 code units (ajv's `unicode: false`, deprecated but honoured) instead
 * of code points, which agree only on strings without a surrogate pair. Its caller must send
 * strings with one, and records it rejects, to a complete validator; it logs nothing, since the
 * complete validator compiles the same schemas and reports the same warnings.
 */
export function createAjv(options: { useDefaults?: boolean; quick?: boolean } = {}): Ajv2020 {
  const quick = options.quick ?? false;
  const ajv = new Ajv2020({
    allErrors: !quick,
    strict: true,
    useDefaults: options.useDefaults ?? false,
    ...(quick ? { unicode: false, logger: false } : {}),
  });
  addFormats.default(ajv);
  return ajv;
}
