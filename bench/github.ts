/**
 * GitHub API requests per publication, against the in-process fake GitHub: the whole pipeline
 * (runPipeline, in this process) publishes through the GitHub target instead of a folder. The
 * extraction cache of the earlier runs is reused, so only the publication side is new work.
 */
import path from "node:path";
import { PassThrough } from "node:stream";
import { loadConfig } from "../pipeline/config/index.ts";
import { githubTarget, type Target } from "../pipeline/publish/target.ts";
import { runPipeline } from "../pipeline/run/index.ts";
import { createProgress } from "../pipeline/run/progress.ts";
import type { RunReport } from "../pipeline/run/report.ts";
import { type FakeGitHub, startFakeGitHub } from "../test/helpers/fake-github.ts";

export interface PublicationCount {
  scenario: string;
  requests: number;
  writes: number;
  /** Binary files (PDFs) this publication adds or changes. */
  changedBinaries: number;
  status: string;
  /** Requests by route, most frequent first: where they go. */
  routes: [string, number][];
}

function byRoute(log: FakeGitHub["log"]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of log) counts.set(r.route, (counts.get(r.route) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The pipeline's GitHub target, pointed at the fake, remembering what it did with the pull request. */
function benchTarget(gh: FakeGitHub, actions: string[], cacheDir: string): Target {
  const target = githubTarget({
    token: gh.token,
    apiUrl: gh.url,
    owner: gh.owner,
    repo: gh.repo,
    pathPrefix: "datasets/",
    userAgent: "accords-ouverts-bench",
    // As the command line does: what earlier publications wrote is not read back from GitHub.
    cacheDir: path.join(cacheDir, "github"),
    // The count does not depend on GitHub's one-second spacing of writes; the wall time would.
    pacing: { delayUnitMs: 1, spaceWrites: false },
  });
  return {
    ...target,
    async publish(publication) {
      const outcome = await target.publish(publication);
      actions.push(outcome.pullRequest?.action ?? "?");
      return outcome;
    },
  };
}

export interface GitHubScenarioInput {
  configFile: string;
  source: string;
  today: string;
  /** Makes the site serve the original corpus, or the corpus with one document changed. */
  serveChanged(changed: boolean): void;
}

/** First publication (everything new), then a no-change one, then one with a single changed PDF. */
export async function measureGitHubPublications(input: GitHubScenarioInput): Promise<PublicationCount[]> {
  const gh = await startFakeGitHub();
  try {
    const config = await loadConfig(input.configFile, { source: input.source });
    const progress = createProgress(new PassThrough().resume(), true);
    const counts: PublicationCount[] = [];
    const publish = async (scenario: string): Promise<RunReport> => {
      gh.resetLog();
      const actions: string[] = [];
      const report = await runPipeline({
        config,
        target: benchTarget(gh, actions, config.cacheDir),
        dryRun: false,
        allowRemovals: false,
        today: input.today,
        progress,
      });
      const dataset = report.datasets[0];
      const files = dataset?.changes?.files;
      counts.push({
        scenario,
        requests: gh.log.length,
        writes: gh.writes(),
        changedBinaries: [...(files?.added ?? []), ...(files?.changed ?? [])].filter((p) => p.endsWith(".pdf")).length,
        status:
          dataset?.errors[0]?.message ??
          (actions.length ? `pull request ${actions.join(", ")}` : (dataset?.status ?? "no dataset")),
        routes: byRoute(gh.log),
      });
      return report;
    };
    input.serveChanged(false);
    await publish("first publication");
    const open = gh.pulls.find((p) => p.state === "open");
    if (open) gh.mergePull(open.number, { deleteBranch: true });
    await publish("no change");
    input.serveChanged(true);
    await publish("one PDF changed");
    return counts;
  } finally {
    await gh.close();
  }
}
