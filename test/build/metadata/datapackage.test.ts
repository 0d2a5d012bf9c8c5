import { describe, expect, it } from "vitest";
import { temporalSpan } from "../../../pipeline/build/metadata/datapackage.ts";
import { historyEntry } from "../../../pipeline/build/metadata/history.ts";
import {
  buildDatasetMetadata,
  type Datapackage,
  DEFAULT_METADATA_CONFIG,
  type MetadataConfig,
} from "../../../pipeline/build/metadata/index.ts";
import { PipelineError } from "../../../pipeline/errors.ts";
import type { ChangeSummary, OutputFile } from "../../../pipeline/types.ts";
import {
  accord,
  byPath,
  DATASET,
  dataFiles,
  engagement,
  frictionlessValidator,
  json,
  MemoryStore,
  noChanges,
  PAGE,
  type Records,
  records,
  SLUG,
  TODAY,
  text,
} from "./helpers.ts";

const DATAPACKAGE = `${SLUG}/datapackage.json`;
const README = `${SLUG}/README.md`;
const validateProfile = frictionlessValidator("datapackage.json");

function build(
  store: MemoryStore,
  recs: Records,
  options: { today?: string; changes?: ChangeSummary; config?: MetadataConfig; files?: OutputFile[] } = {},
) {
  return buildDatasetMetadata({
    dataset: DATASET,
    page: PAGE,
    ...recs,
    dataFiles: options.files ?? dataFiles(recs),
    previous: store,
    today: options.today ?? TODAY,
    config: options.config ?? DEFAULT_METADATA_CONFIG,
    changes: options.changes ?? noChanges(),
  });
}

/** Builds, then publishes the data files and the metadata into `store`. */
async function publish(store: MemoryStore, recs: Records, options: Parameters<typeof build>[2] = {}) {
  const files = await build(store, recs, options);
  store.publish([...dataFiles(recs), ...files]);
  return files;
}

const descriptor = (files: OutputFile[]) => json(byPath(files, DATAPACKAGE)) as unknown as Datapackage;
const resource = (pkg: Datapackage, path: string) => pkg.resources.find((r) => r.path === path);

describe("datapackage.json", () => {
  it("passes the official Frictionless Data Package v2 profile", async () => {
    const pkg = descriptor(await build(new MemoryStore(), records()));
    expect(validateProfile(pkg) ? [] : validateProfile.errors).toEqual([]);
    expect(pkg.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
  });

  it("describes the four data files with format, media type, size and hash, and the CSVs with their Table Schema", async () => {
    const recs = records();
    const pkg = descriptor(await build(new MemoryStore(), recs));
    expect(pkg.resources.map((r) => r.path)).toEqual([
      "accords.csv",
      "engagements.csv",
      "accords.json",
      "engagements.json",
    ]);
    const csv = dataFiles(recs).find((f) => f.path === `${SLUG}/accords.csv`) as OutputFile;
    expect(resource(pkg, "accords.csv")).toMatchObject({
      name: "accords",
      type: "table",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      bytes: csv.content.byteLength,
      dialect: { header: true, delimiter: ",", lineTerminator: "\n" },
      schema: { primaryKey: ["id_accord"], missingValues: [""] },
    });
    expect(resource(pkg, "accords.csv")?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(resource(pkg, "engagements.csv")?.schema?.foreignKeys?.[0]?.reference).toEqual({
      resource: "accords",
      fields: ["id_accord"],
    });
    expect(resource(pkg, "accords.json")).toMatchObject({ format: "json", mediatype: "application/json" });
    expect(resource(pkg, "accords.json")?.schema).toBeUndefined();
  });

  it("names the licence, the publisher, the source page and every source PDF", async () => {
    const recs = records();
    recs.accords.push(accord("accord-local", { url_document: "file:///srv/pdf/accord-local.pdf" }));
    const pkg = descriptor(await build(new MemoryStore(), recs));
    expect(pkg.licenses).toEqual([
      {
        name: "etalab-2.0",
        path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        title: "Licence Ouverte / Open Licence version 2.0",
      },
    ]);
    expect(pkg.contributors[0]).toMatchObject({ title: "Région Hauts-de-France", roles: ["publisher"] });
    expect(pkg.sources).toEqual([
      { title: PAGE.title, path: PAGE.url },
      { title: "Accord-cadre accord-alpha", path: "https://2040.hautsdefrance.fr/wp-content/uploads/accord-alpha.pdf" },
      { title: "Accord-cadre accord-beta", path: "https://2040.hautsdefrance.fr/wp-content/uploads/accord-beta.pdf" },
      // read from a local folder: the published copy, not a file:// URL
      { title: "Accord-cadre accord-local", path: "documents/accord-local.pdf" },
    ]);
  });

  it("at the first publication, is created and modified today with one history line", async () => {
    const pkg = descriptor(await build(new MemoryStore(), records()));
    expect(pkg.created).toBe(`${TODAY}T00:00:00Z`);
    expect(pkg.modified).toBe(`${TODAY}T00:00:00Z`);
    expect(pkg.history).toEqual([
      {
        date: TODAY,
        summary: "Première publication : 2 accords, 4 engagements.",
        accords: { added: 0, changed: 0, removed: 0 },
        engagements: { added: 0, changed: 0, removed: 0 },
      },
    ]);
  });

  it("is byte-identical, with its README, for the same input", async () => {
    const [first, second] = [await build(new MemoryStore(), records()), await build(new MemoryStore(), records())];
    expect(text(byPath(second, DATAPACKAGE))).toBe(text(byPath(first, DATAPACKAGE)));
    expect(text(byPath(second, README))).toBe(text(byPath(first, README)));
  });

  it("does not change at all when a later run finds the same data", async () => {
    const store = new MemoryStore();
    const published = await publish(store, records(), { today: "2026-11-01" });
    const again = await build(store, records(), { today: TODAY });
    expect(text(byPath(again, DATAPACKAGE))).toBe(text(byPath(published, DATAPACKAGE)));
    expect(text(byPath(again, README))).toBe(text(byPath(published, README)));
  });

  it("when one table changes, moves only its resources' dates, sizes and hashes and the package's modified, and adds one history line", async () => {
    const store = new MemoryStore();
    const before = descriptor(await publish(store, records(), { today: "2026-11-01" }));

    const changed = records();
    changed.engagements[0] = engagement("accord-alpha", 1, { texte: "La Région s'engage à financer un autre projet." });
    const changes: ChangeSummary = {
      ...noChanges(),
      engagements: { added: [], removed: [], changed: [{ id: "accord-alpha-001", fields: [] }] },
    };
    const after = descriptor(await build(store, changed, { today: TODAY, changes }));

    for (const path of ["accords.csv", "accords.json"]) expect(resource(after, path)).toEqual(resource(before, path));
    for (const path of ["engagements.csv", "engagements.json"]) {
      expect(resource(after, path)?.modified).toBe(`${TODAY}T00:00:00Z`);
      expect(resource(after, path)?.created).toBe("2026-11-01T00:00:00Z");
      expect(resource(after, path)?.hash).not.toBe(resource(before, path)?.hash);
    }
    expect(after.created).toBe("2026-11-01T00:00:00Z");
    expect(after.modified).toBe(`${TODAY}T00:00:00Z`);
    expect(after.history).toHaveLength(2);
    expect(after.history[1]).toMatchObject({ date: TODAY, summary: "1 engagement modifié." });
    expect(validateProfile(after) ? [] : validateProfile.errors).toEqual([]);
  });

  it("when a single file's bytes change, moves that resource alone", async () => {
    const store = new MemoryStore();
    const before = descriptor(await publish(store, records(), { today: "2026-11-01" }));
    const files = dataFiles(records()).map((f) =>
      f.path === `${SLUG}/engagements.json` ? { ...f, content: new TextEncoder().encode(`${text(f)}\n`) } : f,
    );
    const after = descriptor(await build(store, records(), { today: TODAY, files }));
    const moved = after.resources.filter((r) => r.modified !== resource(before, r.path)?.modified).map((r) => r.path);
    expect(moved).toEqual(["engagements.json"]);
    expect(resource(after, "engagements.json")?.bytes).toBe((resource(before, "engagements.json")?.bytes ?? 0) + 1);
    expect(after.modified).toBe(`${TODAY}T00:00:00Z`);
    expect(after.history.map((h) => h.date)).toEqual(["2026-11-01", TODAY]);
  });

  it("never dates anything after today, even when the previous run's clock was ahead", async () => {
    const store = new MemoryStore();
    await publish(store, records(), { today: "2030-01-01" });
    const pkg = descriptor(await build(store, records(), { today: TODAY }));
    const dates = [pkg.created, pkg.modified, ...pkg.resources.flatMap((r) => [r.created, r.modified])];
    for (const date of dates) expect(date <= `${TODAY}T00:00:00Z`).toBe(true);
  });

  it("refuses a descriptor the profile rejects", async () => {
    const config = {
      ...DEFAULT_METADATA_CONFIG,
      licence: { ...DEFAULT_METADATA_CONFIG.licence, name: "Licence Ouverte" },
    };
    const error = await build(new MemoryStore(), records(), { config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).diagnostic).toMatchObject({
      stage: "build",
      code: "invalid-metadata",
      document: DATAPACKAGE,
      field: "/licenses/0/name",
    });
  });

  it("stops when a data file is missing or the published descriptor cannot be read back", async () => {
    const recs = records();
    const files = dataFiles(recs).filter((f) => f.path !== `${SLUG}/engagements.json`);
    await expect(build(new MemoryStore(), recs, { files })).rejects.toMatchObject({
      diagnostic: { code: "invalid-metadata", document: `${SLUG}/engagements.json` },
    });
    const broken = new MemoryStore([{ path: DATAPACKAGE, content: new TextEncoder().encode("{ not json") }]);
    await expect(build(broken, recs)).rejects.toMatchObject({
      diagnostic: { code: "invalid-metadata", document: DATAPACKAGE },
    });
  });

  it("records the span of the agreements as temporal coverage", () => {
    expect(
      temporalSpan([
        accord("a", { date_debut: "2020-09-01", date_fin: "2025-12-31" }),
        accord("b", { date_debut: null, date_signature: "2019-05-02", date_fin: null }),
        accord("c", { date_debut: "2021-01-01", date_fin: "2027-06-30" }),
      ]),
    ).toEqual({ start: "2019-05-02", end: "2027-06-30" });
    expect(temporalSpan([accord("d", { date_signature: null, date_debut: null, date_fin: null })])).toBeUndefined();
  });

  it("declares the line ending the CSV files actually use", async () => {
    const recs = records();
    const files = dataFiles(recs).map((f) =>
      f.path.endsWith(".csv") ? { ...f, content: new TextEncoder().encode(text(f).replaceAll("\n", "\r\n")) } : f,
    );
    const pkg = descriptor(await build(new MemoryStore(), recs, { files }));
    expect(resource(pkg, "accords.csv")?.dialect?.lineTerminator).toBe("\r\n");
  });
});

describe("history lines", () => {
  it("count what was added, changed and removed, and a new date on the source page", () => {
    const changes: ChangeSummary = {
      ...noChanges(),
      accords: { added: ["x"], removed: [], changed: [] },
      engagements: { added: ["a", "b", "c"], removed: ["d"], changed: [{ id: "e", fields: [] }] },
      sourcePage: { before: PAGE, after: { ...PAGE, dateMaj: "2026-11-20" } },
    };
    expect(historyEntry(TODAY, changes, { accords: 3, engagements: 9 }, false)).toEqual({
      date: TODAY,
      summary:
        "1 accord ajouté, 3 engagements ajoutés, 1 engagement modifié, 1 engagement retiré, page source mise à jour le 2026-11-20.",
      accords: { added: 1, changed: 0, removed: 0 },
      engagements: { added: 3, changed: 1, removed: 1 },
    });
    expect(historyEntry(TODAY, noChanges(), { accords: 3, engagements: 9 }, false).summary).toBe(
      "Fichiers régénérés, enregistrements inchangés.",
    );
  });
});

describe("README.md", () => {
  it("documents every column of both tables with its type, description and example", async () => {
    const readme = text(byPath(await build(new MemoryStore(), records()), README));
    const pkg = descriptor(await build(new MemoryStore(), records()));
    for (const r of pkg.resources.filter((r) => r.schema)) {
      for (const f of r.schema?.fields ?? []) {
        const line = readme.split("\n").find((l) => l.startsWith(`| \`${f.name}\` |`));
        expect(line, f.name).toBeDefined();
        expect(line).toContain(`\`${f.example}\``);
      }
    }
    expect(readme).toContain("| `date_signature` | date (AAAA-MM-JJ) | non |");
    expect(readme).toContain("| `axes` | texte (JSON : tableau) | non |");
  });

  it("gives the source page and its dates, the counts, the licence and how to cite", async () => {
    const readme = text(byPath(await build(new MemoryStore(), records()), README));
    expect(readme).toContain(`[${PAGE.title}](${PAGE.url})`);
    expect(readme).toContain("- Dernière mise à jour affichée par la page : 2021-03-02");
    expect(readme).toContain("- Contenu : 2 accords, 4 engagements");
    expect(readme).toContain("## Licence");
    expect(readme).toContain("(https://www.etalab.gouv.fr/licence-ouverte-open-licence)");
    expect(readme).toContain("## Citer ce jeu de données");
  });

  it("lists one history line per publication that changed something, newest first", async () => {
    const store = new MemoryStore();
    await publish(store, records(), { today: "2026-11-01" });
    await publish(store, records(), { today: "2026-11-10" }); // nothing changed: no line
    const changed = records();
    changed.accords.push(accord("accord-gamma"));
    const changes: ChangeSummary = { ...noChanges(), accords: { added: ["accord-gamma"], removed: [], changed: [] } };
    const readme = text(byPath(await build(store, changed, { today: TODAY, changes }), README));
    const history = readme.split("## Historique des mises à jour\n\n")[1]?.split("\n\n")[0];
    expect(history).toBe(
      ["- 2026-11-26 : 1 accord ajouté.", "- 2026-11-01 : Première publication : 2 accords, 4 engagements."].join("\n"),
    );
  });
});
