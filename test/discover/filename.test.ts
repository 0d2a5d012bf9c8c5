import { describe, expect, it } from "vitest";
import { fallbackFileName, quoteName, sanitizeFileName, uniqueFileNames } from "../../pipeline/discover/index.ts";

describe("sanitizeFileName", () => {
  it.each([
    ["Accord-cadre-Region-MEL.pdf", "Accord-cadre-Region-MEL.pdf", false],
    ["Accord-r%C3%A9gion.pdf", "Accord-région.pdf", false],
    ["Accord%20cadre.PDF", "Accord cadre.PDF", false],
    ["../../etc/passwd", "passwd.pdf", true],
    ["..\\..\\windows\\win.ini", "win.ini.pdf", true],
    ["dossier/..", "dossier.pdf", true],
    ["..", "document.pdf", true],
    ["", "document.pdf", true],
    [".cache.pdf", "cache.pdf", true],
    ["Accord cadre\n\u202efdp.exe", "Accord cadre fdp.exe.pdf", true],
    ['a<b>:"|?*.pdf', "a_b______.pdf", true],
    ["rapport final .pdf", "rapport final.pdf", true],
    ["CON.pdf", "_CON.pdf", true],
    ["lpt1.backup.pdf", "_lpt1.backup.pdf", true],
    ["100%.pdf", "100%.pdf", false],
  ])("%j → %j", (raw, name, changed) => {
    expect(sanitizeFileName(raw)).toEqual({ name, changed });
  });

  it("keeps accents, composed (NFC)", () => {
    expect(sanitizeFileName("Re\u0301gion.pdf").name).toBe("Région.pdf");
  });

  it("caps the name at 200 UTF-8 bytes, keeping the extension", () => {
    const { name } = sanitizeFileName(`${"é".repeat(300)}.pdf`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith("é.pdf")).toBe(true);
  });
});

describe("uniqueFileNames", () => {
  it("suffixes later duplicates, case-insensitively, without hitting an existing name", () => {
    expect(uniqueFileNames(["a.pdf", "A.PDF", "a-2.pdf", "a.pdf", "b.pdf"])).toEqual([
      "a.pdf",
      "A-2.PDF",
      "a-2-2.pdf",
      "a-3.pdf",
      "b.pdf",
    ]);
  });
});

describe("fallbackFileName", () => {
  it("names a Download Manager link by its package and index, else by its last path segment", () => {
    expect(fallbackFileName("https://h/download/p/?wpdmdl=48213&ind=1")).toBe("wpdmdl-48213-1.pdf");
    expect(fallbackFileName("https://h/get/accord?id=3")).toBe("accord.pdf");
    expect(fallbackFileName("https://h/")).toBe("document.pdf");
  });
});

describe("quoteName", () => {
  it("shows invisible characters", () => {
    expect(quoteName("a\n\u202eb")).toBe('"a\\u{a}\\u{202e}b"');
  });
});
