/** Small synthetic publications and a fake GitHub wired to the target, for the GitHub target tests. */
import { afterEach, expect } from "vitest";
import { createGitHubTarget, type GitHubTargetOptions } from "../../../pipeline/publish/github/index.ts";
import type { ChangeSummary, OutputFile } from "../../../pipeline/types.ts";
import { type FakeGitHub, startFakeGitHub } from "../../helpers/fake-github.ts";
import { openApiProblems } from "./openapi.ts";

export const SLUG = "accords-cadres-poles-regionaux";
export const BRANCH = `publish/${SLUG}`;
export const TOKEN = "ghs_Secr3tT0kenThatMustNeverLeak42";

const encoder = new TextEncoder();
export const text = (s: string) => encoder.encode(s);

/** Bytes that are not UTF-8 (a PDF header, a NUL, 0xFF): they must travel as a base64 blob. */
export function pdf(name: string): Uint8Array {
  return new Uint8Array([
    ...encoder.encode(`%PDF-1.7\n% ${name}\n`),
    0x00,
    0xff,
    0xfe,
    0x80,
    ...encoder.encode("\n%%EOF\n"),
  ]);
}

export interface Version {
  /** The accords.csv rows after the header. */
  accords: string[];
  readme?: string;
  documents?: string[];
}

/** A dataset's complete output for one run, as the build stage hands it over. */
export function output(version: Version, slug = SLUG): OutputFile[] {
  const documents = version.documents ?? ["accord-mel.pdf"];
  return [
    { path: `${slug}/accords.csv`, content: text(["id_accord,titre", ...version.accords, ""].join("\n")) },
    {
      path: `${slug}/engagements.csv`,
      content: text("id_engagement,id_accord,texte\nmel-1,mel,La Région s’engage à…\n"),
    },
    {
      path: `${slug}/datapackage.json`,
      content: text(`${JSON.stringify({ name: slug, resources: ["accords", "engagements"] }, null, 2)}\n`),
    },
    { path: `${slug}/README.md`, content: text(version.readme ?? `# ${slug}\n\nDonnées générées.\n`) },
    ...documents.map((name) => ({ path: `${slug}/documents/${name}`, content: pdf(name) })),
    {
      path: "catalog.jsonld",
      content: text(`{"@type":"dcat:Catalog","dataset":["${slug}"],"n":${version.accords.length}}\n`),
    },
    {
      path: "catalog.ttl",
      content: text(`<#catalog> a dcat:Catalog ; dct:title "accords" .\n# ${version.accords.length}\n`),
    },
  ];
}

/** The same output as the files of a commit on the fake (paths under datasets/). */
export function asCommit(files: OutputFile[]): Record<string, Uint8Array> {
  return Object.fromEntries(files.map((f) => [`datasets/${f.path}`, f.content]));
}

export function summary(overrides: Partial<ChangeSummary> = {}): ChangeSummary {
  return {
    slug: SLUG,
    accords: { added: ["mel"], removed: [], changed: [] },
    engagements: { added: ["mel-1"], removed: [], changed: [] },
    files: { added: [`${SLUG}/accords.csv`], changed: [], removed: [] },
    sourcePage: {
      before: null,
      after: {
        url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/",
        title: "Accord-cadres signés",
        description: null,
        dateCreation: "2024-02-01",
        dateMaj: "2025-11-20",
        fileCount: 1,
        totalSize: "228.10 KB",
      },
    },
    rejected: [],
    warnings: [],
    ...overrides,
  };
}

export const passed = { ok: true, details: ["accords.csv: 1 record valid", "engagements.csv: 1 record valid"] };

/** A fake GitHub for each test, whose every exchange is checked against GitHub's OpenAPI description. */
export function useFakeGitHub() {
  const state: { fake: FakeGitHub; problems: string[]; logs: string[] } = {
    fake: undefined as unknown as FakeGitHub,
    problems: [],
    logs: [],
  };
  afterEach(async () => {
    await state.fake?.close();
    expect(state.problems, "exchanges that differ from GitHub's OpenAPI description").toEqual([]);
    expect(state.fake?.internalErrors ?? []).toEqual([]);
  });
  return {
    state,
    async start(): Promise<FakeGitHub> {
      state.problems = [];
      state.logs = [];
      state.fake = await startFakeGitHub({
        token: TOKEN,
        onServed: (served) => state.problems.push(...openApiProblems(served)),
      });
      return state.fake;
    },
    target(overrides: Partial<GitHubTargetOptions> = {}) {
      const fake = state.fake;
      return createGitHubTarget({
        token: TOKEN,
        apiUrl: fake.url,
        owner: fake.owner,
        repo: fake.repo,
        pathPrefix: "datasets/",
        userAgent: "accords-ouverts-tests",
        log: (line) => state.logs.push(line),
        pacing: { delayUnitMs: 1, spaceWrites: false },
        ...overrides,
      });
    },
  };
}
