import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitBlobSha } from "../../../pipeline/publish/github/git-blob.ts";
import { MAINTAINER } from "../../helpers/fake-github.ts";
import { asCommit, BRANCH, output, passed, pdf, SLUG, summary, text, useFakeGitHub, type Version } from "./harness.ts";

const v1: Version = { accords: ["mel,Accord MEL"] };
const v2: Version = {
  accords: ["mel,Accord MEL", "amiens,Accord Amiens"],
  documents: ["accord-mel.pdf", "accord-amiens.pdf"],
};
const v3: Version = { ...v2, readme: "# Nouveau README généré\n" };

const github = useFakeGitHub();

function publishInput(version: Version, validation = passed) {
  return { slug: SLUG, files: output(version), summary: summary(), validation };
}

/** The branch's files under datasets/, as text. */
function branchFiles(branch: string) {
  return new Map([...github.state.fake.files(branch)].filter(([path]) => path.startsWith("datasets/")));
}

describe("GitHub target: one reviewed pull request per dataset", () => {
  it("first publication: one commit on a new branch, a labelled pull request, a green status", async () => {
    const fake = await github.start();
    const target = github.target({ reviewers: ["marie-maintainer"], assignees: ["marie-maintainer"] });
    const store = await target.published();
    expect(await store.read(`${SLUG}/accords.csv`)).toBeNull();

    const result = await target.publish(publishInput(v1));

    expect(result.action).toBe("created");
    expect(result.pullRequest).toEqual({ number: 1, url: `https://github.com/${fake.owner}/${fake.repo}/pull/1` });
    const head = fake.head(BRANCH) as string;
    expect(fake.commit(head).parents).toEqual([fake.head("main")]);
    expect(fake.commit(head).message).toMatch(/^Publish accords-cadres-poles-regionaux: accords \+1 ~0 -0/);
    // Every file arrives byte for byte (binary PDFs included): the fake computes blob SHAs as git does.
    const published = new Map([...fake.blobShas(BRANCH)].filter(([path]) => path.startsWith("datasets/")));
    expect(published).toEqual(new Map(output(v1).map((f) => [`datasets/${f.path}`, gitBlobSha(f.content)])));

    const pull = fake.pull(1);
    expect(pull).toMatchObject({ state: "open", head: BRANCH, base: "main", title: `Publish dataset ${SLUG}` });
    expect(pull.labels).toEqual(["publication"]);
    expect(pull.assignees).toEqual(["marie-maintainer"]);
    expect(pull.reviewers).toEqual(["marie-maintainer"]);
    expect(pull.body).toContain("### Problems");
    expect(fake.statuses).toEqual([
      expect.objectContaining({
        sha: head,
        state: "success",
        context: "accords-ouverts/validation",
        description: "Validation passed",
      }),
    ]);
    // (the branches were read with the base) blob (the PDF), tree, commit, ref, pull, label,
    // labels+assignees, reviewers, status
    expect(result.requests).toEqual({ total: 9, writes: 9 });
    expect(result.messages.join("\n")).toContain("opened pull request #1");
  });

  it("reads what the base branch publishes: its tip, commit and tree, then blobs on demand", async () => {
    const fake = await github.start();
    fake.commitFiles("main", asCommit(output(v1)), { message: "Publish v1" });
    const target = github.target({ baseBranch: "main" });
    fake.resetLog();

    const store = await target.published();
    expect(fake.log.map((r) => r.route)).toEqual([
      "GET /repos/{owner}/{repo}/git/matching-refs/{ref}",
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
    ]);
    expect(Buffer.from((await store.read(`${SLUG}/documents/accord-mel.pdf`)) ?? [])).toEqual(
      Buffer.from(pdf("accord-mel.pdf")),
    );
    expect(new TextDecoder().decode((await store.read("catalog.ttl")) ?? new Uint8Array())).toContain("dcat:Catalog");
    expect(await store.read(`${SLUG}/absent.csv`)).toBeNull();
    expect(fake.count({ route: "GET /repos/{owner}/{repo}/git/blobs/{file_sha}" })).toBe(2);
  });

  it("reads back a file of several megabytes (whose JSON answer Octokit leaves unparsed)", async () => {
    const fake = await github.start();
    const big = `${"engagement;".repeat(1_200_000)}\n`;
    fake.commitFiles("main", { [`datasets/${SLUG}/engagements.csv`]: big }, { message: "Publish a large dataset" });

    const store = await github.target().published();

    expect(new TextDecoder().decode((await store.read(`${SLUG}/engagements.csv`)) ?? new Uint8Array())).toBe(big);
  });

  it("updates the open pull request with one fast-forward commit", async () => {
    const fake = await github.start();
    const target = github.target();
    await target.publish(publishInput(v1));
    const before = fake.head(BRANCH) as string;

    const result = await target.publish({
      ...publishInput(v2),
      validation: { ok: false, details: ["accords.csv: row 2: siren_partenaire must match ^[0-9]{9}$"] },
    });

    expect(result.action).toBe("updated");
    expect(result.pullRequest?.number).toBe(1);
    const after = fake.head(BRANCH) as string;
    expect(fake.commit(after).parents).toEqual([before]);
    expect(branchFiles(BRANCH).get(`datasets/${SLUG}/accords.csv`)).toContain("amiens,Accord Amiens");
    expect(fake.pulls).toHaveLength(1);
    expect(fake.statuses.at(-1)).toMatchObject({ sha: after, state: "failure" });
    expect(fake.statuses.at(-1)?.description).toMatch(/^Validation failed: accords.csv: row 2/);
    // branches, pulls, blob (new PDF), tree, commit, ref, pull body, status: the branch's commit
    // and tree are the ones this target wrote
    expect(result.requests).toEqual({ total: 8, writes: 6 });
  });

  it("finds its branch among many, however GitHub pages the list of branches", async () => {
    const fake = await github.start();
    for (let i = 0; i < 40; i++) fake.commitFiles(`feature-${i}`, { "notes.md": `${i}\n` }, { message: `Note ${i}` });
    await github.target().publish(publishInput(v1));
    fake.resetLog();

    const target = github.target();
    await target.published();
    expect(await target.proposed(SLUG)).not.toBeNull();
    expect(fake.count({ route: "GET /repos/{owner}/{repo}/git/matching-refs/{ref}" })).toBe(2);
  });

  it("deletes the files the publication no longer holds", async () => {
    const fake = await github.start();
    const target = github.target();
    await target.publish(publishInput(v2));
    await target.publish(publishInput({ ...v2, documents: ["accord-amiens.pdf"] }));
    const files = branchFiles(BRANCH);
    expect(files.has(`datasets/${SLUG}/documents/accord-mel.pdf`)).toBe(false);
    expect(files.has(`datasets/${SLUG}/documents/accord-amiens.pdf`)).toBe(true);
    expect(files.has("README.md") || fake.files(BRANCH).has("README.md")).toBe(true);
  });

  it("does nothing at all when the pull request already holds the content", async () => {
    const fake = await github.start();
    const target = github.target();
    await target.publish(publishInput(v1));
    const pull = { ...fake.pull(1) };
    fake.resetLog();

    const result = await target.publish(publishInput(v1));

    expect(result.action).toBe("unchanged");
    expect(result.pullRequest?.number).toBe(1);
    // branches, pulls
    expect(result.requests).toEqual({ total: 2, writes: 0 });
    expect(fake.writes()).toBe(0);
    expect(fake.pull(1).updatedAt).toBe(pull.updatedAt);
  });

  it("costs the same few requests whatever the number of unchanged files", async () => {
    const fake = await github.start();
    const many: Version = {
      accords: ["mel,Accord MEL"],
      documents: Array.from({ length: 150 }, (_, i) => `accord-${i}.pdf`),
    };
    fake.commitFiles("main", asCommit(output(many)), { message: "Already published" });
    const target = github.target();
    await target.published();

    const result = await target.publish(publishInput({ ...many, accords: ["mel,Accord MEL (avenant)"] }));

    expect(result.action).toBe("created");
    // tree, commit, ref, pull, label, labels, status
    expect(result.requests).toEqual({ total: 7, writes: 7 });
  });

  it("writes a large change as a chain of tree requests", async () => {
    const fake = await github.start();
    const files = Array.from({ length: 1100 }, (_, i) => ({
      path: `${SLUG}/pages/page-${i}.txt`,
      content: text(`page ${i}\n`),
    }));
    const result = await github.target().publish({ slug: SLUG, files, summary: summary(), validation: passed });
    expect(result.action).toBe("created");
    expect(fake.count({ route: "POST /repos/{owner}/{repo}/git/trees" })).toBe(3);
    expect(fake.count({ route: "POST /repos/{owner}/{repo}/git/commits" })).toBe(1);
    expect(branchFiles(BRANCH).size).toBe(1100);
  });

  it("closes the pull request and deletes the branch when the content returns to the base", async () => {
    const fake = await github.start();
    fake.commitFiles("main", asCommit(output(v1)), { message: "Published v1" });
    await github.target().publish(publishInput(v2));
    expect(fake.pull(1).state).toBe("open");

    const target = github.target();
    await target.published();
    const result = await target.publish(publishInput(v1));

    expect(result).toMatchObject({ action: "closed", pullRequest: { number: 1 } });
    expect(fake.pull(1).state).toBe("closed");
    expect(fake.head(BRANCH)).toBeUndefined();
    expect(fake.comments.map((c) => c.body).join()).toContain("nothing is left to publish");
    // the branch's commit (new to this target), pulls, comment, close, delete ref
    expect(result.requests).toEqual({ total: 5, writes: 3 });
  });

  it("after a merge that deleted the branch, the same content is left alone", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    fake.mergePull(1, { deleteBranch: true });
    fake.resetLog();

    const result = await github.target().publish(publishInput(v1));

    expect(result.action).toBe("unchanged");
    expect(fake.writes()).toBe(0);
  });

  it("after a merge that kept the branch, the next change opens a new pull request without forcing", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    fake.mergePull(1);
    const before = fake.head(BRANCH) as string;

    const result = await github.target().publish(publishInput(v2));

    expect(result).toMatchObject({ action: "created", pullRequest: { number: 2 } });
    expect(fake.commit(fake.head(BRANCH) as string).parents).toEqual([before, fake.head("main")]);
  });

  it("after a merge, a publication the base lost again goes into a new pull request", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    fake.mergePull(1);
    const revert = Object.fromEntries(output(v1).map((f) => [`datasets/${f.path}`, null]));
    fake.commitFiles("main", revert, { message: "Revert the publication" });

    const result = await github.target().publish(publishInput(v1));

    expect(result).toMatchObject({ action: "created", pullRequest: { number: 2 } });
    expect(fake.pull(2).state).toBe("open");
  });

  it("merges a moved base into the branch, so the branch only fast-forwards", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    const head = fake.head(BRANCH) as string;
    const base = fake.commitFiles("main", { "docs/notes.md": "moved on\n" }, { message: "Unrelated change" });

    await github.target().publish(publishInput(v2));

    expect(fake.commit(fake.head(BRANCH) as string).parents).toEqual([head, base]);
    expect(fake.files(BRANCH).get("docs/notes.md")).toBe("moved on\n");
  });

  it("does not reopen a pull request a maintainer closed, until the content changes", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    fake.closePull(1);

    const same = await github.target().publish(publishInput(v1));
    expect(same.action).toBe("unchanged");
    expect(same.messages.join()).toContain("closed without merging");
    expect(fake.pulls).toHaveLength(1);

    const changed = await github.target().publish(publishInput(v2));
    expect(changed).toMatchObject({ action: "created", pullRequest: { number: 2 } });
  });

  it("opens the missing pull request when an earlier run stopped after pushing", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/pulls", { status: 500, times: 4, body: { message: "Server Error" } });
    await expect(github.target().publish(publishInput(v1))).rejects.toThrow(/opening a pull request/);
    expect(fake.head(BRANCH)).toBeDefined();

    const result = await github.target().publish(publishInput(v1));
    expect(result).toMatchObject({ action: "created", pullRequest: { number: 1 } });
  });

  it("dry run: decides, reads, writes nothing", async () => {
    const fake = await github.start();
    const result = await github.target({ dryRun: true }).publish(publishInput(v1));
    expect(result.action).toBe("created");
    expect(result.requests.writes).toBe(0);
    expect(fake.writes()).toBe(0);
    expect(result.messages.join()).toContain("dry run");
  });
});

describe("GitHub target: never overwrites a maintainer", () => {
  it("builds on a maintainer's commit and keeps their fix", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    const fix = fake.commitFiles(
      BRANCH,
      { [`datasets/${SLUG}/README.md`]: "# Corrigé à la main\n", "docs/review.md": "notes\n" },
      { message: "Fix README wording", as: MAINTAINER },
    );

    const result = await github.target().publish(publishInput(v2));

    expect(result.action).toBe("updated");
    const head = fake.head(BRANCH) as string;
    expect(fake.commit(head).parents).toEqual([fix]);
    const files = fake.files(BRANCH);
    expect(files.get(`datasets/${SLUG}/README.md`)).toBe("# Corrigé à la main\n");
    expect(files.get("docs/review.md")).toBe("notes\n");
    expect(files.get(`datasets/${SLUG}/accords.csv`)).toContain("amiens");
    expect(result.messages.join()).toContain(`kept maintainers' changes to datasets/${SLUG}/README.md`);

    // The bot's next runs remember what it meant to publish: same source, nothing to do.
    fake.resetLog();
    const again = await github.target().publish(publishInput(v2));
    expect(again.action).toBe("unchanged");
    expect(fake.writes()).toBe(0);
  });

  it("leaves the branch alone and says so once when a maintainer's change conflicts", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    fake.commitFiles(
      BRANCH,
      { [`datasets/${SLUG}/README.md`]: "# Corrigé à la main\n" },
      { message: "Fix README", as: MAINTAINER },
    );
    const head = fake.head(BRANCH);

    const result = await github.target().publish(publishInput(v3));

    expect(result).toMatchObject({ action: "conflict", pullRequest: { number: 1 } });
    expect(fake.head(BRANCH)).toBe(head);
    expect(result.messages.join()).toContain(`datasets/${SLUG}/README.md`);
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body).toContain("could not be applied");

    const again = await github.target().publish(publishInput(v3));
    expect(again.action).toBe("conflict");
    expect(fake.comments).toHaveLength(1);
  });

  it("a push that lands between reading and updating the branch is kept: the publication starts again from it", async () => {
    const fake = await github.start();
    await github.target().publish(publishInput(v1));
    let pushed = "";
    fake.inject("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
      before: () => {
        pushed = fake.commitFiles(
          BRANCH,
          { "docs/review.md": "reviewed\n" },
          { message: "Review notes", as: MAINTAINER },
        );
      },
    });

    const result = await github.target().publish(publishInput(v2));

    expect(result.action).toBe("updated");
    expect(fake.commit(fake.head(BRANCH) as string).parents).toEqual([pushed]);
    expect(fake.files(BRANCH).get("docs/review.md")).toBe("reviewed\n");
    expect(result.messages.join()).toContain("moved while publishing");
    expect(
      fake.log.filter((r) => r.route.startsWith("PATCH /repos/{owner}/{repo}/git/refs")).map((r) => r.status),
    ).toEqual([422, 200]);
  });
});

describe("GitHub target: what it remembers between runs", () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const memoryDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "github-memory-"));
    folders.push(dir);
    return dir;
  };
  const BLOB_READS = { route: "GET /repos/{owner}/{repo}/git/blobs/{file_sha}" };
  const LABEL_CREATION = { route: "POST /repos/{owner}/{repo}/labels" };

  it("reads back the files it published, and creates its label once, without asking GitHub again", async () => {
    const fake = await github.start();
    const cacheDir = await memoryDir();
    await github.target({ cacheDir }).publish(publishInput(v1));
    fake.mergePull(1, { deleteBranch: true });
    fake.resetLog();

    const target = github.target({ cacheDir });
    const store = await target.published();
    expect(new TextDecoder().decode((await store.read(`${SLUG}/accords.csv`)) ?? new Uint8Array())).toContain(
      "Accord MEL",
    );
    const result = await target.publish(publishInput(v2));

    expect(result.action).toBe("created");
    expect(fake.count(BLOB_READS)).toBe(0);
    expect(fake.count(LABEL_CREATION)).toBe(0);
    expect(fake.pull(2).labels).toEqual(["publication"]);
  });

  it("reads a commit or a tree it has seen before from its memory: a run that changes nothing reads the branches only", async () => {
    const fake = await github.start();
    fake.commitFiles("main", asCommit(output(v1)), { message: "Published by hand" });
    const cacheDir = await memoryDir();
    const first = github.target({ cacheDir, baseBranch: "main" });
    await first.published();
    await first.publish(publishInput(v2));
    fake.resetLog();

    const next = github.target({ cacheDir, baseBranch: "main" });
    await next.published();
    const proposed = await next.proposed(SLUG);
    // The tree it remembers for its own commit is the one GitHub holds.
    for (const file of output(v2)) expect(await proposed?.holds?.(file.path, file.content)).toBe("same");
    expect(await proposed?.holds?.(`${SLUG}/documents/absent.pdf`, text("x"))).toBe("absent");
    const result = await next.publish(publishInput(v2));

    expect(result.action).toBe("unchanged");
    expect(fake.log.map((r) => r.route)).toEqual([
      "GET /repos/{owner}/{repo}/git/matching-refs/{ref}",
      "GET /repos/{owner}/{repo}/pulls",
    ]);
  });

  it("reads a tree again when its remembered listing is damaged", async () => {
    const fake = await github.start();
    fake.commitFiles("main", asCommit(output(v1)), { message: "Published by hand" });
    const cacheDir = await memoryDir();
    await github.target({ cacheDir }).published();
    const trees = path.join(cacheDir, "trees");
    for (const shard of await readdir(trees)) {
      for (const name of await readdir(path.join(trees, shard))) await writeFile(path.join(trees, shard, name), "[[");
    }
    fake.resetLog();

    const store = await github.target({ cacheDir }).published();

    expect(new TextDecoder().decode((await store.read(`${SLUG}/accords.csv`)) ?? new Uint8Array())).toContain(
      "Accord MEL",
    );
    expect(fake.count({ route: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}" })).toBe(1);
  });

  it("reads from GitHub what it did not publish itself, once", async () => {
    const fake = await github.start();
    fake.commitFiles("main", asCommit(output(v1)), { message: "Published by hand" });
    const cacheDir = await memoryDir();
    await (await github.target({ cacheDir }).published()).read(`${SLUG}/accords.csv`);
    expect(fake.count(BLOB_READS)).toBe(1);
    fake.resetLog();

    await (await github.target({ cacheDir }).published()).read(`${SLUG}/accords.csv`);

    expect(fake.count(BLOB_READS)).toBe(0);
  });

  it("never serves a damaged copy: bytes that no longer match their SHA are read from GitHub, once", async () => {
    const fake = await github.start();
    const cacheDir = await memoryDir();
    await github.target({ cacheDir }).publish(publishInput(v1));
    fake.mergePull(1, { deleteBranch: true });
    const blobs = path.join(cacheDir, "blobs");
    for (const shard of await readdir(blobs)) {
      for (const name of await readdir(path.join(blobs, shard))) await writeFile(path.join(blobs, shard, name), "x");
    }
    fake.resetLog();

    const store = await github.target({ cacheDir }).published();

    expect(new TextDecoder().decode((await store.read(`${SLUG}/accords.csv`)) ?? new Uint8Array())).toContain(
      "Accord MEL",
    );
    expect(fake.count(BLOB_READS)).toBe(1);
    // The copy read from GitHub replaced the damaged one.
    await (await github.target({ cacheDir }).published()).read(`${SLUG}/accords.csv`);
    expect(fake.count(BLOB_READS)).toBe(1);
  });

  it("creates its label again when a maintainer deleted it since", async () => {
    const fake = await github.start();
    const cacheDir = await memoryDir();
    await github.target({ cacheDir }).publish(publishInput(v1));
    fake.mergePull(1, { deleteBranch: true });
    fake.labels.delete("publication");
    fake.resetLog();

    const result = await github.target({ cacheDir }).publish(publishInput(v2));

    expect(result.action).toBe("created");
    expect(fake.count(LABEL_CREATION)).toBe(1);
    expect(fake.pull(2).labels).toEqual(["publication"]);
  });
});
