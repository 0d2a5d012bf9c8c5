import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedSchemes, loadConfig, resolveConfig } from "../../pipeline/config/index.ts";
import { PipelineError } from "../../pipeline/errors.ts";

const minimal = {
  datasets: [
    {
      slug: "accords",
      title: "Accords",
      description: "Des accords",
      sources: [{ kind: "page", url: "https://example.org/download/accords/" }],
      allowedHosts: ["example.org"],
    },
  ],
};

async function configError(raw: unknown, overrides = {}): Promise<PipelineError> {
  try {
    await resolveConfig(raw, "/base", overrides);
  } catch (error) {
    if (error instanceof PipelineError) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("configuration", () => {
  it("the shipped pipeline.config.json is valid and publishes the regional agreements into datasets/", async () => {
    const config = await loadConfig("pipeline.config.json");
    expect(config.output).toBe(path.resolve("datasets"));
    expect(config.datasets.map((d) => d.slug)).toEqual(["accords-cadres-poles-regionaux"]);
    expect(config.datasets[0]?.sources).toEqual([
      { kind: "page", url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/" },
    ]);
    expect(allowedSchemes(config.datasets[0] as never)).toEqual(new Set(["https:"]));
  });

  it("fills the limits with defaults and resolves folders against the config file", async () => {
    const config = await resolveConfig(minimal, "/base");
    expect(config.output).toBe("/base/datasets");
    expect(config.cacheDir).toBe("/base/.cache");
    expect(config.limits).toMatchObject({ maxPages: 500, retries: 3, concurrency: 4 });
  });

  it("names the field of a bad value", async () => {
    const bad = structuredClone(minimal);
    (bad.datasets[0] as { slug: string }).slug = "Pas un slug";
    const error = await configError(bad);
    expect(error.message).toContain("/datasets/0/slug");
    expect(error.diagnostic.stage).toBe("config");
  });

  it("names an unknown field and a missing one", async () => {
    expect((await configError({ ...minimal, outptu: "x" })).message).toContain('unknown field "outptu"');
    const { title: _title, ...untitled } = minimal.datasets[0] as Record<string, unknown>;
    expect((await configError({ datasets: [untitled] })).message).toContain('missing field "title"');
  });

  it("--source URL replaces the source and allows its host and scheme", async () => {
    const config = await resolveConfig(minimal, "/base", { source: "http://127.0.0.1:8080/download/x/" });
    const dataset = config.datasets[0];
    expect(dataset?.sources).toEqual([{ kind: "page", url: "http://127.0.0.1:8080/download/x/" }]);
    expect(dataset?.allowedHosts).toContain("127.0.0.1:8080");
    expect(allowedSchemes(dataset as never)).toEqual(new Set(["https:", "http:"]));
  });

  it("--source DIR must be a folder; --only must name a dataset; --out is relative to the working folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cfg-"));
    const config = await resolveConfig(minimal, "/base", { source: dir, out: "elsewhere" }, "/work");
    expect(config.datasets[0]?.sources).toEqual([{ kind: "directory", path: dir }]);
    expect(config.output).toBe("/work/elsewhere");
    expect((await configError(minimal, { source: "/no/such/folder" })).message).toContain("neither");
    expect((await configError(minimal, { only: "nope" })).message).toContain("no such dataset");
  });

  it("a missing or malformed file is a configuration error", async () => {
    await expect(loadConfig("/no/such/config.json")).rejects.toThrow(/cannot read configuration/);
    await expect(loadConfig("package-lock.json")).rejects.toThrow(/invalid configuration/);
  });
});
