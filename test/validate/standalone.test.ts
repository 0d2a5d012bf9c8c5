import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { standaloneValidator } from "../../pipeline/validate/standalone.ts";

const unit = { $id: "https://example.org/unit.json", type: "string", enum: ["km", "m"] };
const schema = {
  type: "object",
  properties: {
    day: { type: "string", format: "date" },
    unit: { $ref: "https://example.org/unit.json", default: "m" },
  },
  required: ["day"],
  additionalProperties: false,
};
const spec = { name: "sample", schema, refs: [unit], useDefaults: true };

const folders: string[] = [];
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "standalone-"));
  folders.push(dir);
  return dir;
}

function verdicts(validate: Awaited<ReturnType<typeof standaloneValidator>>) {
  return [{ day: "2024-02-30" }, { day: "2024-02-29" }, { day: "2024-03-01", unit: "ft", extra: 1 }, {}].map((data) => {
    const ok = validate(data);
    return { ok, data, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`) };
  });
}

describe("standaloneValidator", () => {
  it("compiles a schema once, then later loads the kept code: same verdicts, defaults and errors", async () => {
    const dir = await folder();
    const compiled = await standaloneValidator(spec, dir);
    const [file] = await readdir(dir);
    expect(file).toMatch(/^sample-[0-9a-f]{16}\.cjs$/);
    await appendFile(path.join(dir, file as string), "\nmodule.exports.kept = true;\n");

    const loaded = await standaloneValidator(spec, dir);

    expect((loaded as unknown as { kept?: boolean }).kept).toBe(true);
    expect(verdicts(loaded)).toEqual(verdicts(compiled));
    expect(verdicts(loaded)[1]).toMatchObject({ ok: true, data: { day: "2024-02-29", unit: "m" } });
    expect(verdicts(loaded)[0]?.errors).toEqual(["/day format"]);
  });

  it("compiles again a kept file that cannot be loaded", async () => {
    const dir = await folder();
    await standaloneValidator(spec, dir);
    const [file] = await readdir(dir);
    const kept = path.join(dir, file as string);
    const first = await readFile(kept, "utf8");
    const damaged = await folder();
    await writeFile(path.join(damaged, file as string), "module.exports = (");

    const validate = await standaloneValidator(spec, damaged);

    expect(validate({ day: "2024-01-31" })).toBe(true);
    expect(await readFile(path.join(damaged, file as string), "utf8")).toBe(first);
  });

  it("names a different file when the schema changes", async () => {
    const dir = await folder();
    await standaloneValidator(spec, dir);
    await standaloneValidator({ ...spec, schema: { ...schema, required: [] } }, dir);
    expect(await readdir(dir)).toHaveLength(2);
  });
});
