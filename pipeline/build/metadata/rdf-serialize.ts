import type { Quad, Term } from "n3";
import { Writer } from "n3";

/**
 * Byte-stable RDF serialisations: the same set of triples always gives the same Turtle and the
 * same JSON-LD, whatever order they were built in.
 */

export const PREFIXES = {
  dcat: "http://www.w3.org/ns/dcat#",
  dcatap: "http://data.europa.eu/r5r/",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  spdx: "http://spdx.org/rdf/terms#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

const RDF_TYPE = `${PREFIXES.rdf}type`;

function termKey(term: Term): string {
  // Named nodes before blank nodes before literals; literals by value, then datatype, then language.
  switch (term.termType) {
    case "NamedNode":
      return `0${term.value}`;
    case "BlankNode":
      return `1${term.value}`;
    case "Literal":
      return `2${term.value}\u0000${term.datatype.value}\u0000${term.language}`;
    default:
      return `3${term.value}`;
  }
}

function compareQuads(a: Quad, b: Quad): number {
  const keys = (q: Quad) => [
    termKey(q.subject),
    q.predicate.value === RDF_TYPE ? "" : q.predicate.value, // rdf:type first, written `a`
    termKey(q.object),
  ];
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

export function sortQuads(quads: Quad[]): Quad[] {
  return [...quads].sort(compareQuads);
}

function write(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): Promise<string> {
  const writer = new Writer(options);
  writer.addQuads(sortQuads(quads));
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}

export function toTurtle(quads: Quad[]): Promise<string> {
  return write(quads, { prefixes: PREFIXES });
}

/** Compacted JSON-LD with the prefixes above as an inline context (nothing is fetched). */
export async function toJsonLd(quads: Quad[]): Promise<string> {
  const nquads = await write(quads, { format: "N-Quads" });
  // Loaded on demand: runs that build no catalog (nothing changed) never pay for it.
  const { default: jsonld } = await import("jsonld");
  const expanded = await jsonld.fromRDF(nquads, { format: "application/n-quads" });
  const compacted = await jsonld.compact(expanded, { ...PREFIXES }, { documentLoader: refuseRemoteDocuments });
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

async function refuseRemoteDocuments(url: string): Promise<never> {
  throw new Error(`catalog JSON-LD: refusing to fetch ${url}`);
}
