import { parseArgs } from "node:util";
import { SiteError } from "./model.ts";
import { buildSite } from "./site.ts";

const HELP = `Builds the reusers' static site from the published datasets.

Usage: npm run site -- [options]     (or: tsx site/build.ts [options])

Options:
  --datasets DIR   the published datasets folder, the only input (default: datasets)
  --out DIR        output folder, replaced as a whole (default: site-dist)
  -h, --help       this help
`;

async function main(argv: string[]): Promise<number> {
  let values: { datasets: string; out: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        datasets: { type: "string", default: "datasets" },
        out: { type: "string", default: "site-dist" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const result = await buildSite({ datasetsDir: values.datasets, outDir: values.out });
    process.stderr.write(
      `site: ${result.datasets} dataset(s), ${result.pages} page(s), ${result.copied} file(s) copied → ${values.out}/index.html\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SiteError) {
      process.stderr.write(`site: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
