import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../pipeline/config/index.ts";
import { githubTarget } from "../../pipeline/publish/target.ts";
import { runPipeline } from "../../pipeline/run/index.ts";
import { createProgress } from "../../pipeline/run/progress.ts";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github.ts";
import { type SiteServer, startSiteServer } from "../helpers/site-server.ts";
import { openApiProblems } from "../publish/github/openapi.ts";

const TOKEN = "ghs_EndToEndTokenThatMustNeverLeak";
const SLUG = "accords-cadres-poles-regionaux";

let site: SiteServer;
let github: FakeGitHub;
let work: string;
const problems: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "gh-e2e-"));
  await cp("test/fixtures/site", path.join(work, "site"), { recursive: true });
  site = await startSiteServer({ root: path.join(work, "site"), lastModified: new Date("2020-10-01T00:00:00Z") });
  github = await startFakeGitHub({ token: TOKEN, onServed: (served) => problems.push(...openApiProblems(served)) });
});

afterAll(async () => {
  await site?.close();
  await github?.close();
});

async function publish(today: string) {
  const raw = JSON.parse(await readFile("pipeline.config.json", "utf8"));
  raw.cacheDir = path.join(work, "cache");
  const config = await resolveConfig(raw, process.cwd(), {
    source: site.url("/download/accord-cadres-signes/"),
    out: path.join(work, "unused"),
    target: "github",
  });
  const logs: string[] = [];
  const report = await runPipeline({
    config,
    target: githubTarget({
      token: TOKEN,
      apiUrl: github.url,
      owner: github.owner,
      repo: github.repo,
      pathPrefix: "datasets/",
      userAgent: "accords-ouverts-tests",
      log: (line) => logs.push(line),
      pacing: { delayUnitMs: 1, spaceWrites: false },
    }),
    dryRun: false,
    allowRemovals: false,
    today,
    progress: createProgress({ write: (s: string) => logs.push(s) } as never, false),
  });
  return { report, logs: logs.join("\n") };
}

describe("the whole pipeline publishing to a (fake) GitHub", () => {
  it("opens one pull request with the dataset, then leaves it alone while nothing changes", async () => {
    const first = await publish("2026-11-26");
    expect(first.report.exitCode, JSON.stringify(first.report.datasets[0]?.errors)).toBe(0);
    const dataset = first.report.datasets[0];
    expect(dataset?.pullRequest?.action).toBe("created");
    expect(github.pulls).toHaveLength(1);
    const files = github.files(`publish/${SLUG}`);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        `datasets/${SLUG}/accords.csv`,
        `datasets/${SLUG}/engagements.json`,
        `datasets/${SLUG}/datapackage.json`,
        `datasets/${SLUG}/documents/Accord-cadre-Region-MEL.pdf`,
        "datasets/catalog.ttl",
      ]),
    );
    expect(github.statuses.at(-1)?.state).toBe("success");

    github.resetLog();
    const second = await publish("2026-12-03");
    expect(second.report.datasets[0]?.pullRequest?.action).toBe("unchanged");
    expect(github.log.filter((l) => l.method !== "GET")).toEqual([]);
    expect(problems).toEqual([]);
    expect(`${first.logs}${second.logs}${JSON.stringify([first.report, second.report])}`).not.toContain(TOKEN);
  });
});
