import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removalsNeedingApproval } from "../../pipeline/publish/guard.ts";
import { localStore, publishLocal, resolveInside } from "../../pipeline/publish/local.ts";

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
