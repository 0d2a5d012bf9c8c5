import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePackagePage } from "../../pipeline/discover/page.ts";

const ORIGIN = "http://127.0.0.1:8080";
const HOSTS = new Set(["127.0.0.1:8080"]);
const FILES = `${ORIGIN}/wp-content/uploads/download-manager-files`;

function fixture(slug: string): { html: string; url: string } {
  const html = readFileSync(new URL(`../fixtures/site/download/${slug}/index.html`, import.meta.url), "utf8");
  return { html, url: `${ORIGIN}/download/${slug}/` };
}

function parse(slug: string) {
  const { html, url } = fixture(slug);
  return parsePackagePage(html, url, HOSTS);
}

const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

describe("parsePackagePage — copy of the source page", () => {
  const { page, documents, warnings } = parse("accord-cadres-signes");

  it("reads the package metadata by its labels", () => {
    expect(page).toMatchObject({
      url: `${ORIGIN}/download/accord-cadres-signes/`,
      title: "Accord cadres signés entre la Région et les pôles régionaux",
      dateCreation: "2020-10-01",
      dateMaj: "2020-10-01",
      fileCount: 3,
      totalSize: "228.10 KB",
    });
  });

  it("reads the description below the table as plain-text paragraphs", () => {
    const paragraphs = page.description?.split("\n\n") ?? [];
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toBe("Un nouvel outil de partenariat renforcé");
    expect(paragraphs[1]).toBe(
      "Les trois premiers accords-cadres ont été signés avec la Métropole européenne de Lille, Amiens Métropole et la Communauté urbaine de Dunkerque.",
    );
    expect(paragraphs[5]).toMatch(/^Enfin, il s’agit de conforter .* dans cet accord\.$/);
  });

  it("lists the 3 PDFs in page order, with absolute URLs, not the package zip", () => {
    expect(documents.map((d) => [d.url, d.fileName])).toEqual([
      [`${FILES}/Accord-cadre-Region-MEL.pdf`, "Accord-cadre-Region-MEL.pdf"],
      [`${FILES}/Accord-cadre-Region-Amiens-Metropole.pdf`, "Accord-cadre-Region-Amiens-Metropole.pdf"],
      [`${FILES}/Accord-cadre-Region-CU-Dunkerque.pdf`, "Accord-cadre-Region-CU-Dunkerque.pdf"],
    ]);
    expect(documents.every((d) => d.page === page)).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe("parsePackagePage — Download Manager links", () => {
  const { page, documents, warnings } = parse("accords-wpdmdl");

  it("takes the name from the filename parameter, else from the row's first cell, else a placeholder", () => {
    const base = `${ORIGIN}/download/accords-wpdmdl/?wpdmdl=48213`;
    expect(documents.map((d) => [d.url, d.fileName])).toEqual([
      [`${base}&ind=2&filename=Accord-cadre-Region-MEL.pdf`, "Accord-cadre-Region-MEL.pdf"],
      [`${base}&ind=0`, "Accord-cadre-Region-Amiens-Metropole.pdf"],
      [`${base}&ind=1`, "wpdmdl-48213-1.pdf"],
    ]);
    expect(codes(warnings)).toEqual(["no-file-name"]);
  });

  it('reads "1er octobre 2020" and keeps link-only paragraphs out of the description', () => {
    expect(page.dateCreation).toBe("2020-10-01");
    expect(page.dateMaj).toBe("2020-10-02");
    expect(page.description).toBe("Trois accords-cadres signés avec les pôles régionaux.");
  });
});

describe("parsePackagePage — markup drift", () => {
  const { page, documents, warnings } = parse("accords-drift");

  it("finds labels in dt, th and nested spans, whatever the classes", () => {
    expect(page).toMatchObject({
      title: "Accords-cadres signés (nouvelle maquette)",
      dateMaj: "2020-10-01",
      dateCreation: "2020-10-01",
      fileCount: 3,
      totalSize: "228.10 KB",
    });
  });

  it("finds files in a list and in data-downloadurl, ignores the menu, drops #fragments and repeats", () => {
    expect(documents.map((d) => d.url)).toEqual([
      `${FILES}/Accord-cadre-Region-MEL.pdf`,
      `${FILES}/Accord-cadre-Region-Amiens-Metropole.pdf?ver=2`,
      `${FILES}/Accord-cadre-Region-CU-Dunkerque.pdf`,
    ]);
    expect(documents.map((d) => d.fileName)).toEqual([
      "Accord-cadre-Region-MEL.pdf",
      "Accord-cadre-Region-Amiens-Metropole.pdf",
      "Accord-cadre-Region-CU-Dunkerque.pdf",
    ]);
    expect(warnings).toEqual([]);
  });

  it("reads the description after the metadata, headings and list items included, footer excluded", () => {
    expect(page.description).toBe(
      [
        "Un nouvel outil de partenariat renforcé",
        "Les trois premiers accords-cadres ont été signés.",
        "Métropole européenne de Lille",
        "Amiens Métropole",
      ].join("\n\n"),
    );
  });
});

describe("parsePackagePage — a package without files", () => {
  it("returns no document and a no-files warning", () => {
    const { page, documents, warnings } = parse("accords-vide");
    expect(documents).toEqual([]);
    expect(page.fileCount).toBe(0);
    expect(codes(warnings)).toEqual(["no-files"]);
  });
});

describe("parsePackagePage — hostile names and links", () => {
  const { documents, warnings } = parse("accords-pieges");

  it("sanitises names, makes them unique, drops repeated URLs and foreign hosts", () => {
    expect(documents.map((d) => d.fileName)).toEqual([
      "passwd.pdf",
      "Accord cadre fdp.exe.pdf",
      "rapport.pdf",
      "rapport-2.pdf",
      "Rapport-3.PDF",
      "a_b___.pdf",
      "_CON.pdf",
      "Accord-région.pdf",
    ]);
    expect(documents.some((d) => d.url.includes("evil.example"))).toBe(false);
  });

  it("warns once per change", () => {
    expect(codes(warnings)).toEqual([
      "host-not-allowed",
      "file-name-sanitised",
      "file-name-sanitised",
      "file-name-sanitised",
      "file-name-sanitised",
      "duplicate-file-name",
      "duplicate-file-name",
    ]);
    expect(warnings[0]).toMatchObject({ stage: "discover", message: expect.stringContaining("evil.example") });
    expect(warnings.find((w) => w.document === "passwd.pdf")?.message).toContain('"../../etc/passwd"');
    expect(warnings.find((w) => w.document === "Accord cadre fdp.exe.pdf")?.message).toContain("\\u{202e}");
  });

  it("keeps foreign links when no host list is given (pure parsing)", () => {
    const { html, url } = fixture("accords-pieges");
    expect(parsePackagePage(html, url).documents.at(-1)?.url).toBe("https://evil.example/accord.pdf");
  });
});

describe("parsePackagePage — small variants", () => {
  const page = (body: string, head = "") =>
    `<!DOCTYPE html><html><head>${head}</head><body><main>${body}</main></body></html>`;

  it("reads `Label : value` written inline and English labels", () => {
    const html = page(
      `<ul><li><b>Last Updated:</b> October 2, 2020</li><li>Date de création : 01/10/2020</li><li>File Count: 1</li></ul>
       <a href="/f/ACCORD.PDF">get</a>`,
    );
    const r = parsePackagePage(html, "https://h.example/p/");
    expect(r.page).toMatchObject({ dateMaj: "2020-10-02", dateCreation: "2020-10-01", fileCount: 1 });
    expect(r.documents.map((d) => d.fileName)).toEqual(["ACCORD.PDF"]);
  });

  it("takes the title from og:title, else from <title> without the site suffix", () => {
    const og = parsePackagePage(page("", '<meta property="og:title" content="Titre OG">'), "https://h.example/");
    expect(og.page.title).toBe("Titre OG");
    const title = parsePackagePage(page("", "<title>Accords – signés – Hauts-de-France</title>"), "https://h.example/");
    expect(title.page.title).toBe("Accords – signés");
  });

  it("warns about unreadable values and a file count that does not match", () => {
    const html = page(
      `<table><tr><td>Date de création</td><td>bientôt</td></tr><tr><td>Nombre de fichiers</td><td>2</td></tr></table>
       <a href="/a.pdf">a</a>`,
    );
    const r = parsePackagePage(html, "https://h.example/p/");
    expect(r.page.dateCreation).toBeNull();
    expect(codes(r.warnings)).toEqual(["bad-metadata", "file-count-mismatch"]);
  });

  it("ignores anchors, mailto, non-PDF links and wpdmdl links without ind or filename", () => {
    const html = page(
      `<a href="#top">a</a><a href="mailto:x@y.fr">b</a><a href="/doc.docx">c</a><a href="ftp://h.example/x.pdf">d</a>
       <a href="/p/?wpdmdl=1">zip</a><a href="javascript:void(0)" data-downloadurl="/p/?wpdmdl=1&amp;refresh=2">zip</a>`,
    );
    const r = parsePackagePage(html, "https://h.example/p/");
    expect(r.documents).toEqual([]);
    expect(codes(r.warnings)).toEqual(["no-files"]);
  });
});
