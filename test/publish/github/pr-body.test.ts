import { describe, expect, it } from "vitest";
import { BODY_LIMIT, code, pullRequestBody, statusDescription } from "../../../pipeline/publish/github/pr-body.ts";
import type { ChangeSummary } from "../../../pipeline/types.ts";
import { summary } from "./harness.ts";

const passed = { ok: true, details: ["accords.json: 2 records valid against accord.schema.json"] };

const eventful: ChangeSummary = summary({
  accords: {
    added: ["amiens"],
    removed: ["cud"],
    changed: [{ id: "mel", fields: [{ field: "date_signature", before: "2020-07-17", after: "2020-07-18" }] }],
  },
  engagements: {
    added: ["amiens-1", "amiens-2"],
    removed: ["cud-1"],
    changed: [{ id: "mel-3", fields: [{ field: "montant_euros", before: 2500000, after: null }] }],
  },
  rejected: [{ document: "scan-illisible.pdf", code: "no-text", message: "no text layer and OCR found nothing" }],
  warnings: [
    {
      stage: "extract",
      code: "low-ocr-confidence",
      message: "mean confidence 58",
      document: "accord-amiens.pdf",
      page: 4,
    },
    {
      stage: "extract",
      code: "amount-unparsed",
      message: "“deux millions” kept as text",
      document: "accord-mel.pdf",
      page: 2,
    },
  ],
  sourcePage: {
    before: {
      url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/",
      title: "t",
      description: null,
      dateCreation: "2024-02-01",
      dateMaj: "2025-06-01",
      fileCount: 3,
      totalSize: "200 KB",
    },
    after: {
      url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/",
      title: "t",
      description: null,
      dateCreation: "2024-02-01",
      dateMaj: "2025-11-20",
      fileCount: 4,
      totalSize: "228.10 KB",
    },
  },
});

describe("pull request body", () => {
  it("puts the problems first: rejected documents and why, warnings, low-confidence OCR, removals", () => {
    const body = pullRequestBody(eventful, passed);
    const at = (s: string) => body.indexOf(s);
    expect(at("### Problems")).toBeLessThan(at("### Records"));
    expect(at("`scan-illisible.pdf`: `no-text` no text layer and OCR found nothing")).toBeGreaterThan(
      at("### Problems"),
    );
    expect(body).toContain("**1 low-confidence OCR**");
    expect(body).toContain("accord-amiens.pdf p.4 \\[low-ocr-confidence\\] mean confidence 58");
    expect(body).toContain("**Removals**: 1 agreement: `cud` and 1 commitment leave the dataset");
    expect(at("**Removals**")).toBeLessThan(at("### Records"));
  });

  it("shows a table of records, then field-level before → after, source dates and validation", () => {
    const body = pullRequestBody(eventful, { ok: false, details: ["engagements.json: /3/page must be >= 1"] });
    expect(body).toContain("| Agreements (`accords`) | 1 | 1 | 1 |");
    expect(body).toContain("| Commitments (`engagements`) | 2 | 1 | 1 |");
    expect(body).toContain("- `mel`\n  - `date_signature`: `2020-07-17` → `2020-07-18`");
    expect(body).toContain("  - `montant_euros`: `2500000` → _empty_");
    expect(body).toContain("| Last updated | 2025-06-01 | **2025-11-20** |");
    expect(body).toContain("**Validation failed**");
    expect(body).toContain("❌ Validation failed");
    expect(body).toContain("engagements.json: /3/page must be &gt;= 1");
  });

  it("says so plainly when there is nothing wrong", () => {
    const body = pullRequestBody(summary(), passed);
    expect(body).toMatch(/### Problems\n\nNone\.\n/);
    expect(body).toContain("✅ Every check passed.");
  });

  it("cannot be hijacked by text from a document", () => {
    const body = pullRequestBody(
      summary({
        rejected: [
          {
            document: "x.pdf",
            code: "not-an-agreement",
            message: "@everyone <img src=x onerror=alert(1)> [click](https://evil.example)",
          },
        ],
        engagements: {
          added: [],
          removed: [],
          changed: [{ id: "e`1", fields: [{ field: "texte", before: "a", after: "ping @maintainers |" }] }],
        },
      }),
      passed,
    );
    expect(body).not.toMatch(/(^|[^`])@everyone/);
    expect(body).not.toContain("<img");
    expect(body).not.toContain("[click](");
    expect(body).toContain("``e`1``");
    expect(code("`x`")).toBe("`` `x` ``");
  });

  it("shrinks a 3,000-commitment change below GitHub's limit, keeping problems and counts", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `mel-${String(i).padStart(4, "0")}`);
    const huge = summary({
      engagements: {
        added: ids,
        removed: [],
        changed: ids.map((id) => ({
          id,
          fields: [
            {
              field: "texte",
              before: `La Région s’engage à ${"financer ".repeat(40)}`,
              after: `La Région s’engage à ${"soutenir ".repeat(40)}`,
            },
          ],
        })),
      },
      rejected: [{ document: "scan.pdf", code: "no-text", message: "nothing to read" }],
    });
    const body = pullRequestBody(huge, passed);
    expect(body.length).toBeLessThan(BODY_LIMIT);
    expect(body).toContain("Long lists are cut after");
    expect(body).toContain("| Commitments (`engagements`) | 3,000 | 3,000 | 0 |");
    expect(body).toMatch(/- … and 2,9\d\d more/);
    expect(body).toContain("`scan.pdf`: `no-text`");
  });

  it("falls back to counts only, and never fails for length", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`);
    const many = summary({ accords: { added: ids, removed: [], changed: [] } });
    const countsOnly = pullRequestBody(many, passed, 1200);
    expect(countsOnly.length).toBeLessThanOrEqual(1200);
    expect(countsOnly).toContain("counts only");
    expect(countsOnly).toContain("| Agreements (`accords`) | 3,000 | 0 | 0 |");
    expect(pullRequestBody(many, passed, 300).length).toBeLessThanOrEqual(300);
  });

  it("describes the validation in a commit status of at most 140 characters", () => {
    expect(statusDescription(passed)).toBe("Validation passed");
    expect(statusDescription({ ok: false, details: ["x".repeat(500)] })).toHaveLength(140);
  });
});
