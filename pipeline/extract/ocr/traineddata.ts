/**
 * Where tesseract reads its trained data: the npm packages `@tesseract.js-data/<lang>`, never the
 * network. tesseract.js reads every language from one folder, so several languages installed as
 * separate packages are gathered in a folder of links.
 */
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PipelineError } from "../../errors.ts";

const require = createRequire(import.meta.url);

/** LSTM-only integer models (tessdata_best, quantised): as accurate as `4.0.0` here, 9× smaller, faster. */
export const MODEL_VARIANT = "4.0.0_best_int";

/** The gzipped trained data of one language, from its npm package. */
export function traineddataFile(lang: string): string {
  if (!/^[a-z_]{3,16}$/.test(lang)) {
    throw new PipelineError({ stage: "extract", code: "ocr-language", message: `invalid OCR language code "${lang}"` });
  }
  let root: string;
  try {
    root = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new PipelineError({
      stage: "extract",
      code: "ocr-language",
      message: `OCR language "${lang}" is not installed (npm package @tesseract.js-data/${lang})`,
    });
  }
  const file = path.join(root, MODEL_VARIANT, `${lang}.traineddata.gz`);
  if (!existsSync(file)) {
    throw new PipelineError({ stage: "extract", code: "ocr-language", message: `missing trained data ${file}` });
  }
  return file;
}

/** A local folder holding `<lang>.traineddata.gz` for every language (the `langPath` of tesseract.js). */
export function traineddataDir(languages: readonly string[]): string {
  const files = languages.map(traineddataFile);
  const dirs = new Set(files.map((f) => path.dirname(f)));
  const [only] = dirs;
  if (dirs.size === 1 && only) return only;
  const dir = path.join(os.tmpdir(), `accords-ouverts-tessdata-${languages.join("+")}`);
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const link = path.join(dir, path.basename(f));
    try {
      symlinkSync(f, link);
    } catch (err) {
      // Another run made the same link first.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return dir;
}
