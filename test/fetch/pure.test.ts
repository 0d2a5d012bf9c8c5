import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  cacheKey,
  contentDispositionFileName,
  mapLimit,
  parseRetryAfter,
  retryDelay,
  sniffPdf,
} from "../../pipeline/fetch/index.ts";

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-05-01T10:00:00Z");

  it("reads delta-seconds and HTTP dates, in milliseconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 01 May 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
  });

  it("returns null when absent or unreadable", () => {
    for (const v of [undefined, null, "", "soon", "1.5", "-3"]) expect(parseRetryAfter(v, now)).toBeNull();
  });
});

describe("backoff", () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles at each retry, half fixed and half random, within the cap", () => {
    expect([1, 2, 3, 4, 5].map((r) => backoffDelay(r, opts, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((r) => backoffDelay(r, opts, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it("prefers Retry-After, capped", () => {
    expect(retryDelay(1, 300, opts, () => 0)).toBe(300);
    expect(retryDelay(1, 60_000, opts, () => 0)).toBe(1000);
    expect(retryDelay(2, null, opts, () => 0)).toBe(100);
  });
});

describe("contentDispositionFileName", () => {
  it.each([
    ['attachment; filename="Accord.pdf"', "Accord.pdf"],
    ["attachment; filename=Accord.pdf", "Accord.pdf"],
    ['attachment; filename="a \\"b\\"; c.pdf"', 'a "b"; c.pdf'],
    ["attachment; filename=\"Accord-r_gion.pdf\"; filename*=UTF-8''Accord-r%C3%A9gion.pdf", "Accord-région.pdf"],
    ["attachment; FILENAME*=utf-8'fr'r%C3%A9sum%C3%A9.pdf", "résumé.pdf"],
    ["attachment; filename*=ISO-8859-1''r%E9sum%E9.pdf", "résumé.pdf"],
    ['attachment; filename="Accord-rÃ©gion.pdf"', "Accord-région.pdf"],
    ['attachment; filename="caf\u00e9.pdf"', "café.pdf"],
    ["attachment; filename*=UTF-8''%E9.pdf; filename=\"repli.pdf\"", "repli.pdf"],
  ])("%s → %s", (header, name) => {
    expect(contentDispositionFileName(header)).toBe(name);
  });

  it("returns null without a file name", () => {
    for (const h of [null, undefined, "", "inline", "attachment; size=3"])
      expect(contentDispositionFileName(h)).toBeNull();
  });
});

describe("cacheKey", () => {
  it("is the hex SHA-256 of the URL", () => {
    expect(cacheKey("https://example.org/a.pdf")).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey("https://example.org/a.pdf")).not.toBe(cacheKey("https://example.org/b.pdf"));
  });
});

describe("sniffPdf", () => {
  const b = (s: string) => Buffer.from(s, "latin1");

  it.each([
    ["%PDF-1.7\n", "pdf"],
    ["\r\n \t%PDF-1.4", "pdf"],
    ["%PD", "need-more"],
    ["   ", "need-more"],
    ["", "need-more"],
    ["<!DOCTYPE html>", "not-pdf"],
    ["\ufeff%PDF-1.7", "not-pdf"],
    [`${" ".repeat(1024)}%PDF-`, "not-pdf"],
  ])("%j → %s", (start, verdict) => {
    expect(sniffPdf(b(start))).toBe(verdict);
  });
});

describe("mapLimit", () => {
  it("keeps input order and never runs more than `limit` calls at once", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3"]);
    expect(peak).toBe(2);
  });

  it("handles an empty list", async () => {
    expect(await mapLimit([], 3, async (x) => x)).toEqual([]);
  });
});
