import { describe, expect, it } from "vitest";
import { commitMessage, readPublicationCommit } from "../../../pipeline/publish/github/commit-message.ts";
import { gitBlobSha, inlineText } from "../../../pipeline/publish/github/git-blob.ts";
import {
  changesAgainst,
  intentOf,
  publicationOf,
  rebaseOnto,
  type Snapshot,
} from "../../../pipeline/publish/github/tree-diff.ts";
import { summary, text } from "./harness.ts";

const sha = (s: string) => gitBlobSha(text(s));
const snapshot = (files: Record<string, string>): Snapshot =>
  new Map(Object.entries(files).map(([path, content]) => [path, { sha: sha(content), mode: "100644" }]));
const publication = (files: Record<string, string>) =>
  publicationOf(
    Object.entries(files).map(([path, content]) => ({ path, content: text(content) })),
    "datasets/",
    "ds",
  );

describe("git blob SHA, computed locally", () => {
  it("is git's object id", () => {
    expect(gitBlobSha(new Uint8Array())).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(gitBlobSha(text("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });

  it("sends text inline only when it survives the trip byte for byte", () => {
    expect(inlineText(text("\uFEFFid,titre\r\nmel,Métropole\n"))).toBe("\uFEFFid,titre\r\nmel,Métropole\n");
    expect(inlineText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00]))).toBeNull();
    expect(inlineText(new Uint8Array([0xff, 0xfe, 0x41]))).toBeNull();
  });
});

describe("publication paths", () => {
  it("addresses the dataset folder and the root files under the prefix", () => {
    const p = publication({ "ds/accords.csv": "a", "catalog.ttl": "c" });
    expect(p.scope).toBe("datasets/ds/");
    expect([...p.files.keys()]).toEqual(["datasets/ds/accords.csv", "datasets/catalog.ttl"]);
  });

  it.each([
    ["../escape.csv"],
    ["/etc/passwd"],
    ["ds/../other/x.csv"],
    ["ds\\x.csv"],
    ["ds//x.csv"],
    ["other-dataset/accords.csv"],
  ])("refuses %s", (path) => {
    expect(() => publication({ [path]: "x" })).toThrow(/unsafe-path/);
  });
});

describe("changes against a tree", () => {
  const current = snapshot({
    "datasets/ds/accords.csv": "v1",
    "datasets/ds/documents/old.pdf": "old",
    "datasets/other/accords.csv": "theirs",
    "datasets/catalog.ttl": "c1",
    "datasets/catalog.jsonld": "j1",
  });

  it("writes what differs, deletes what left the dataset folder, leaves everything else alone", () => {
    const changes = changesAgainst(publication({ "ds/accords.csv": "v2", "catalog.ttl": "c1" }), current);
    expect(changes.map((c) => [c.path, c.file ? "write" : "delete"])).toEqual([
      ["datasets/ds/accords.csv", "write"],
      ["datasets/ds/documents/old.pdf", "delete"],
    ]);
  });

  it("is empty when the tree already holds the publication", () => {
    expect(changesAgainst(publication({ "ds/accords.csv": "v1", "ds/documents/old.pdf": "old" }), current)).toEqual([]);
  });

  it("applied to the tree, gives the tree that then holds the publication", () => {
    const wanted = publication({ "ds/accords.csv": "v2", "ds/documents/new.pdf": "new", "catalog.ttl": "c2" });
    const written = changesAgainst(wanted, current).map((c) => ({ path: c.path, sha: c.file?.sha ?? null }));
    const after = intentOf(current, written);
    expect(after).toEqual(
      snapshot({
        "datasets/ds/accords.csv": "v2",
        "datasets/ds/documents/new.pdf": "new",
        "datasets/other/accords.csv": "theirs",
        "datasets/catalog.ttl": "c2",
        "datasets/catalog.jsonld": "j1",
      }),
    );
    expect(changesAgainst(wanted, after)).toEqual([]);
  });
});

describe("rebuilding on a maintainer's branch", () => {
  const ancestor = snapshot({ "datasets/ds/accords.csv": "v1", "datasets/ds/README.md": "bot readme" });
  const head = snapshot({ "datasets/ds/accords.csv": "v1", "datasets/ds/README.md": "fixed by hand" });

  it("applies the publication's own changes and keeps the maintainer's", () => {
    const result = rebaseOnto(publication({ "ds/accords.csv": "v2", "ds/README.md": "bot readme" }), head, ancestor);
    expect(result.changes.map((c) => c.path)).toEqual(["datasets/ds/accords.csv"]);
    expect(result.kept).toEqual([{ path: "datasets/ds/README.md", sha: sha("bot readme") }]);
    expect(result.conflicts).toEqual([]);
  });

  it("reports a conflict when both changed the same file differently", () => {
    const result = rebaseOnto(
      publication({ "ds/accords.csv": "v1", "ds/README.md": "new bot readme" }),
      head,
      ancestor,
    );
    expect(result.conflicts).toEqual(["datasets/ds/README.md"]);
  });

  it("remembers what the bot meant to publish where it kept the maintainer's file", () => {
    const intent = intentOf(head, [{ path: "datasets/ds/README.md", sha: sha("bot readme") }]);
    expect(intent.get("datasets/ds/README.md")?.sha).toBe(sha("bot readme"));
    expect(intentOf(head, [{ path: "datasets/ds/README.md", sha: null }]).has("datasets/ds/README.md")).toBe(false);
  });
});

describe("commit trailers", () => {
  it("mark the bot's commits and carry what it kept", () => {
    const message = commitMessage(summary({ slug: "ds" }), {
      kept: [
        { path: "datasets/ds/README folder/x.md", sha: sha("x") },
        { path: "datasets/ds/gone.csv", sha: null },
      ],
    });
    expect(message.split("\n")[0]).toBe("Publish ds: accords +1 ~0 -0, engagements +1 ~0 -0");
    expect(readPublicationCommit(message, "ds")).toEqual({
      kept: [
        { path: "datasets/ds/README folder/x.md", sha: sha("x") },
        { path: "datasets/ds/gone.csv", sha: null },
      ],
    });
    expect(readPublicationCommit(message, "other")).toBeNull();
    expect(readPublicationCommit("Fix README wording", "ds")).toBeNull();
    const base = "a".repeat(40);
    expect(readPublicationCommit(commitMessage(summary({ slug: "ds" }), { base, kept: [] }), "ds")).toEqual({
      base,
      kept: [],
    });
  });
});
