import { deflateSync } from "node:zlib";

/** A PDF made of these object bodies (object 1 is the catalog), with a correct cross-reference table. */
export function rawPdf(objects: (string | Uint8Array)[]): Uint8Array {
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let size = chunks[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(size);
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from("\nendobj\n")]);
    chunks.push(bytes);
    size += bytes.length;
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    "startxref",
    String(size),
    "%%EOF",
  ].join("\n");
  return new Uint8Array(Buffer.concat([...chunks, Buffer.from(`${xref}\n`)]));
}

/** `pages` blank pages: a small file that announces a huge document. */
export function manyPages(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ");
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
  ]);
}

/** One page whose content stream, deflated twice, inflates to `megabytes` MB. */
export function decompressionBomb(megabytes: number): Uint8Array {
  const inner = deflateSync(Buffer.alloc(megabytes * 1024 * 1024, 0x20), { level: 9 });
  const outer = deflateSync(inner, { level: 9 });
  const stream = Buffer.concat([
    Buffer.from(`<< /Length ${outer.length} /Filter [/FlateDecode /FlateDecode] >>\nstream\n`),
    outer,
    Buffer.from("\nendstream"),
  ]);
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    stream,
  ]);
}

/** A page whose resources are arrays nested `depth` deep. */
export function deeplyNested(depth: number): Uint8Array {
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /X ${"[".repeat(depth)}${"]".repeat(depth)} >> >>`,
  ]);
}

/** The same document with its cross-reference offsets pointing nowhere. */
export function corruptXref(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const at = text.lastIndexOf("startxref");
  return new Uint8Array(Buffer.from(`${text.slice(0, at)}startxref\n999999999\n%%EOF\n`, "latin1"));
}
