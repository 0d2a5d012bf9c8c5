import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removalsNeedingApproval } from "../../pipeline/publish/guard.ts";
import { localStore, publishLocal, recoverLocal, resolveInside, STAGING_DIR } from "../../pipeline/publish/local.ts";
import { acquireLock, LOCK_FILE } from "../../pipeline/publish/lock.ts";

const file = (p: string, s: string) => ({ path: p, content: Buffer.from(s) });

describe("local target", () => {
  it("writes only what changed, removes what is listed, and leaves no temp file", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "pub-"));
    expect(await publishLocal(root, [file("d/a.csv", "1"), file("d/b.csv", "2")], [])).toEqual({
      written: ["d/a.csv", "d/b.csv"],
      removed: [],
    });
    const before = await stat(path.join(root, "d/a.csv"));
    const second = await publishLocal(root, [file("d/a.csv", "1"), file("d/b.csv", "3")], ["d/gone.pdf", "d/a.csv"]);
    expect(second.written).toEqual(["d/b.csv"]);
    expect(second.removed).toEqual(["d/a.csv"]);
    expect(before.mtimeMs).toBeGreaterThan(0);
    expect(await readdir(path.join(root, "d"))).toEqual(["b.csv"]);
    expect(await readdir(root)).toEqual(["d"]);
    expect(await readFile(path.join(root, "d/b.csv"), "utf8")).toBe("3");
  });

  it("the store reads published bytes, null when absent, and never outside the folder", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "pub-"));
    await writeFile(path.join(root, "x.json"), "[]");
    const store = localStore(root);
    expect(Buffer.from((await store.read("x.json")) ?? []).toString()).toBe("[]");
    expect(await store.read("missing.json")).toBeNull();
    expect(() => resolveInside(root, "../etc/passwd")).toThrow(/escapes/);
  });
});

describe("mass-deletion guard", () => {
  const none = { added: [], removed: [], changed: [] };
  const policy = { allowRemovals: false, maxEngagementRemovalShare: 0.2 };

  it("holds back a publication that removes an agreement", () => {
    const changes = { accords: { ...none, removed: ["accord-x"] }, engagements: none };
    expect(removalsNeedingApproval(changes, 10, policy)).toMatch(/1 agreement\(s\) would be removed \(accord-x\)/);
    expect(removalsNeedingApproval(changes, 10, { ...policy, allowRemovals: true })).toBeNull();
  });

  it("holds back a publication that removes more than the allowed share of commitments", () => {
    const removed = (n: number) => ({ ...none, removed: Array.from({ length: n }, (_, i) => `e-${i}`) });
    expect(removalsNeedingApproval({ accords: none, engagements: removed(2) }, 10, policy)).toBeNull();
    expect(removalsNeedingApproval({ accords: none, engagements: removed(3) }, 10, policy)).toMatch(/3 of 10/);
  });
});

describe("crash safety", () => {
  const v1 = [file("d/accords.json", "v1-a"), file("d/engagements.json", "v1-e")];
  const v2 = [file("d/accords.json", "v2-a"), file("d/engagements.json", "v2-e")];
  const read = async (root: string) =>
    Promise.all(v1.map(async (f) => readFile(path.join(root, f.path), "utf8").catch(() => null)));

  it("a crash between writing two files is finished by the next run: never a mix of old and new", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "pub-"));
    await publishLocal(root, v1, []);
    const crash = () => {
      throw new Error("simulated crash after the first file");
    };
    await expect(publishLocal(root, v2, [], { afterMove: crash })).rejects.toThrow(/simulated crash/);
    expect(await recoverLocal(root)).toHaveLength(1);
    expect(await read(root)).toEqual(["v2-a", "v2-e"]);
    expect(await readdir(root)).toEqual(["d"]);
  });

  it("files staged before the commit point are discarded: the previous publication stays whole", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "pub-"));
    await publishLocal(root, v1, []);
    await mkdir(path.join(root, STAGING_DIR, "abc"), { recursive: true });
    await writeFile(path.join(root, STAGING_DIR, "abc", "0"), "half-written");
    expect(await recoverLocal(root)).toEqual([]);
    expect(await read(root)).toEqual(["v1-a", "v1-e"]);
    expect(await readdir(root)).toEqual(["d"]);
  });
});

describe("one run at a time", () => {
  it("a second run is refused while the first holds the lock; a dead owner's lock is taken over", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "lock-"));
    const release = await acquireLock(root);
    await expect(acquireLock(root)).rejects.toThrow(/another run \(pid \d+/);
    await release();
    await writeFile(
      path.join(root, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), startedAt: new Date().toISOString() }),
    );
    const again = await acquireLock(root);
    await again();
    expect(await readdir(root)).toEqual([]);
  });
});
