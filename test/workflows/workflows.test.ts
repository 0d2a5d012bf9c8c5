import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import workflowSchema from "../fixtures/schemas/github-workflow.schema.json" with { type: "json" };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean } | string;
  jobs: Record<string, Job>;
}

const source = (name: string) => readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), "utf8");
const load = (name: string) => parse(source(name)) as Workflow;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(
  workflowSchema,
);
/** A GitHub expression: `$` then `{{ … }}`. */
const expr = (inside: string) => `$\{{ ${inside} }}`;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const step = (w: Workflow, uses: string) => steps(w).find((s) => s.uses?.startsWith(`${uses}@`));

describe.each(["publish.yml", "ci.yml", "pages.yml"])("%s", (name) => {
  it("is a valid workflow", () => {
    const valid = validate(load(name));
    expect(validate.errors ?? [], "schema errors").toEqual([]);
    expect(valid).toBe(true);
  });

  it("pins every action to a full commit SHA, with the version in a comment", () => {
    const uses = source(name)
      .split("\n")
      .filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("never pastes event data into a shell script", () => {
    for (const s of steps(load(name))) if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
  });

  it("checks out without leaving credentials behind, and runs Node 20 with the npm cache", () => {
    const w = load(name);
    for (const s of steps(w).filter((s) => s.uses?.startsWith("actions/checkout@"))) {
      expect(s.with?.["persist-credentials"]).toBe(false);
    }
    expect(step(w, "actions/setup-node")?.with).toEqual({ "node-version": "20", cache: "npm" });
  });
});

describe("publish.yml", () => {
  const w = load("publish.yml");
  const job = w.jobs.publish as Job;
  const publish = job.steps.find((s) => s.run?.includes("--target github")) as Step;

  it("runs weekly and on demand, with dataset, allow-removals and dry-run inputs", () => {
    expect(w.on.schedule).toEqual([{ cron: "17 5 * * 1" }]);
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { type: string; default: unknown }> }).inputs;
    expect(Object.keys(inputs)).toEqual(["dataset", "allow-removals", "dry-run"]);
    expect(inputs.dataset).toMatchObject({ type: "string", default: "" });
    expect(inputs["allow-removals"]).toMatchObject({ type: "boolean", default: false });
    expect(inputs["dry-run"]).toMatchObject({ type: "boolean", default: false });
  });

  it("keeps the pipeline cache from one run to the next, before publishing", () => {
    const cache = job.steps.findIndex((s) => s.uses?.startsWith("actions/cache@"));
    expect(job.steps[cache]?.with).toMatchObject({ path: ".cache", "restore-keys": "pipeline-cache-" });
    expect(cache).toBeLessThan(job.steps.indexOf(publish));
  });

  it("asks for contents, pull-requests and statuses write, and nothing else", () => {
    expect(w.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write", statuses: "write" });
  });

  it("never runs twice at once, and lets a running publication finish", () => {
    expect(w.concurrency).toEqual({ group: "publish-datasets", "cancel-in-progress": false });
  });

  it("publishes to GitHub with the workflow token and passes the inputs as flags", () => {
    expect(publish.env).toMatchObject({
      GITHUB_TOKEN: expr("secrets.GITHUB_TOKEN"),
      DATASET: expr("inputs.dataset"),
      ALLOW_REMOVALS: expr("inputs.allow-removals"),
      DRY_RUN: expr("inputs.dry-run"),
    });
    expect(publish.run).toContain('args+=(--only "$DATASET")');
    expect(publish.run).toContain("args+=(--allow-removals)");
    expect(publish.run).toContain("args+=(--dry-run)");
    expect(steps(w).filter((s) => JSON.stringify(s).includes("secrets."))).toEqual([publish]);
  });

  it("uploads the run report as an artifact, whatever happened", () => {
    const upload = step(w, "actions/upload-artifact");
    expect(upload?.if).toBe("always()");
    expect(upload?.with).toMatchObject({ name: "run-report", path: "reports/" });
    expect(publish.run).toContain("> reports/run-report.json");
  });
});

describe("ci.yml", () => {
  const w = load("ci.yml");

  it("tests every push to main and every pull request, read-only", () => {
    expect(Object.keys(w.on)).toEqual(["push", "pull_request"]);
    expect(w.permissions).toEqual({ contents: "read" });
    expect(steps(w).some((s) => s.run === "npm test")).toBe(true);
  });

  it("re-validates datasets/ on pull requests that change it", () => {
    const job = w.jobs.datasets as Job;
    expect(job.if).toBe("github.event_name == 'pull_request'");
    const check = job.steps.find((s) => s.run?.includes("git diff")) as Step;
    expect(check.run).toContain('"$BASE_SHA...$HEAD_SHA" -- datasets/');
    const validation = job.steps.at(-1) as Step;
    expect(validation.if).toBe("steps.changed.outputs.datasets == 'true'");
    expect(validation.run).toContain("datasets");
  });
});

describe("the workflow schema", () => {
  it("catches what GitHub would silently ignore or reject", () => {
    const ok = { on: { push: null }, jobs: { t: { "runs-on": "ubuntu-24.04", steps: [{ run: "true" }] } } };
    expect(validate(ok)).toBe(true);
    expect(validate({ ...ok, permission: { contents: "read" } })).toBe(false);
    expect(validate({ ...ok, permissions: { contents: "admin" } })).toBe(false);
    expect(validate({ ...ok, on: { schedul: [{ cron: "0 0 * * *" }] } })).toBe(false);
    expect(validate({ ...ok, on: { schedule: [{ cron: "weekly" }] } })).toBe(false);
    expect(validate({ ...ok, jobs: { t: { runs_on: "ubuntu-24.04", steps: [{ run: "true" }] } } })).toBe(false);
    expect(validate({ ...ok, jobs: { t: { "runs-on": "x", steps: [{ uses: "a/b@v1", run: "true" }] } } })).toBe(false);
    const input = { description: "x", type: "boolean", default: "yes" };
    expect(validate({ ...ok, on: { workflow_dispatch: { inputs: { x: input } } } })).toBe(false);
  });
});
