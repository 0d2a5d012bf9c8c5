import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../pipeline/config/index.ts";
import { PipelineError } from "../pipeline/errors.ts";
import { USER_AGENT } from "../pipeline/fetch/index.ts";
import { writeIfChanged } from "../pipeline/files.ts";
import { resolveGitHubOptions } from "../pipeline/publish/github/options.ts";
import { acquireLock } from "../pipeline/publish/lock.ts";
import { githubTarget, localTarget, type Target } from "../pipeline/publish/target.ts";
import { runPipeline } from "../pipeline/run/index.ts";
import { createProgress } from "../pipeline/run/progress.ts";
import { ExitCode, summaryLines } from "../pipeline/run/report.ts";

const HELP = `accords-ouverts — turns the Region's PDF agreements into validated open data.

Usage: npm start -- [options]       (or: node --import tsx scripts/run.ts [options])

Options:
  --config FILE      configuration file (default: pipeline.config.json)
  --source URL|DIR   replace the source of the selected dataset: a Download Manager page URL
                     (its host and scheme are allowed for this run) or a folder of PDFs
  --only SLUG        run one dataset only
  --out DIR          output folder (default: the config's "output", datasets/)
  --target T         local (write into the output folder, the default) or github (one pull
                     request per dataset; needs GITHUB_TOKEN, see docs/github-publication.md)
  --dry-run          do everything, write nothing, print what would change
  --no-ocr           do not OCR pages without a text layer (scanned pages)
  --allow-removals   publish even if agreements or many commitments disappear
  --json             print the run report as JSON on stdout
  --quiet            no progress on stderr
  -h, --help         this help

Exit codes:
  0  done: published, or nothing changed
  1  the run failed and nothing was written
  2  usage or configuration error
  3  partial: some documents were rejected; the valid ones were published and the
     previously published records of the rejected ones were kept
  4  held back, a person must decide: the publication would remove agreements or many
     commitments (re-run with --allow-removals once checked), or a maintainer's commit on
     the publication branch conflicts with it
`;

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return ExitCode.usage;
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(HELP);
    return ExitCode.done;
  }
  const progress = createProgress(process.stderr, values.quiet);
  let config: Awaited<ReturnType<typeof loadConfig>>;
  let target: Target;
  try {
    if (values.target !== undefined && values.target !== "local" && values.target !== "github") {
      throw new PipelineError({
        stage: "config",
        code: "usage",
        message: `--target ${values.target}: local or github`,
      });
    }
    config = await loadConfig(values.config, {
      source: values.source,
      only: values.only,
      out: values.out,
      target: values.target,
      noOcr: values["no-ocr"],
    });
    target =
      config.target === "github"
        ? githubTarget({
            ...resolveGitHubOptions(process.env, {
              ...config.github,
              userAgent: USER_AGENT,
              dryRun: values["dry-run"],
            }),
            cacheDir: path.join(config.cacheDir, "github"),
            log: (line) => progress.info(line),
          })
        : localTarget(config.output);
  } catch (error) {
    if (error instanceof PipelineError) {
      process.stderr.write(`${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  let release: (() => Promise<void>) | null = null;
  if (!values["dry-run"] && target.name === "local") {
    try {
      release = await acquireLock(config.output);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return ExitCode.failed;
    }
  }
  let report: Awaited<ReturnType<typeof runPipeline>>;
  try {
    report = await runPipeline({
      config,
      target,
      dryRun: values["dry-run"],
      allowRemovals: values["allow-removals"],
      today: new Date().toISOString().slice(0, 10),
      progress,
    });
  } finally {
    await release?.();
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (target.name === "local" && !report.dryRun && report.exitCode !== ExitCode.failed) {
    await writeIfChanged(path.join(config.output, "run-report.json"), Buffer.from(json));
  }
  if (values.json) process.stdout.write(json);
  if (!values.quiet || report.exitCode !== ExitCode.done) process.stderr.write(`${summaryLines(report).join("\n")}\n`);
  return report.exitCode;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: "string", default: "pipeline.config.json" },
      source: { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
      target: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "no-ocr": { type: "boolean", default: false },
      "allow-removals": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`accords-ouverts: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.failed;
  },
);
