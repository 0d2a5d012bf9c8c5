import { readFileSync } from "node:fs";
import rdf from "@zazuko/env-node";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { Parser } from "n3";
import SHACLValidator from "rdf-validate-shacl";
import { datasetBytes } from "../../../pipeline/build/serialize.ts";
import type {
  AccordRecord,
  ChangeSummary,
  DatasetConfig,
  EngagementRecord,
  OutputFile,
  PublishedStore,
  SourcePage,
} from "../../../pipeline/types.ts";

/** Small synthetic records and an in-memory publication, in the shapes the build stage hands over. */

export const SLUG = "accords-test";
export const TODAY = "2026-11-26";

export const DATASET: DatasetConfig = {
  slug: SLUG,
  title: "Accords-cadres de test",
  description: "Deux accords fictifs et leurs engagements.",
  sources: [{ kind: "page", url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/" }],
  allowedHosts: ["2040.hautsdefrance.fr"],
  keywords: ["accord-cadre", "Hauts-de-France"],
};

export const PAGE: SourcePage = {
  url: "https://2040.hautsdefrance.fr/download/accord-cadres-signes/",
  title: "Accord-cadres signés",
  description: null,
  dateCreation: "2020-10-01",
  dateMaj: "2021-03-02",
  fileCount: 2,
  totalSize: "228.10 KB",
};

export function accord(id: string, overrides: Partial<AccordRecord> = {}): AccordRecord {
  return {
    id_accord: id,
    titre: `Accord-cadre ${id}`,
    type_accord: "accord-cadre de partenariat territorial",
    nom_region: "Région Hauts-de-France",
    siren_region: "200053742",
    nom_partenaire: `Partenaire ${id}`,
    siren_partenaire: null,
    nature_partenaire: "métropole",
    date_signature: "2020-07-17",
    lieu_signature: "Lille",
    date_debut: "2020-09-01",
    date_fin: "2025-12-31",
    duree_mois: 64,
    axes: [{ numero: "1", intitule: "Conforter l'excellence économique" }],
    nombre_engagements: 2,
    url_document: `https://2040.hautsdefrance.fr/wp-content/uploads/${id}.pdf`,
    nom_fichier: `${id}.pdf`,
    sha256_document: "a".repeat(64),
    taille_octets: 81234,
    nombre_pages: 6,
    url_page_source: PAGE.url,
    date_creation_source: PAGE.dateCreation,
    date_maj_source: PAGE.dateMaj,
    date_premiere_publication: "2026-11-01",
    date_derniere_modification: "2026-11-01",
    ...overrides,
  };
}

export function engagement(idAccord: string, n: number, overrides: Partial<EngagementRecord> = {}): EngagementRecord {
  return {
    id_engagement: `${idAccord}-${String(n).padStart(3, "0")}`,
    id_accord: idAccord,
    numero_axe: "1",
    intitule_axe: "Conforter l'excellence économique",
    numero_engagement: `1.${n}`,
    texte: `La Région s'engage à soutenir le projet ${n}.`,
    porteur: "region",
    montant_euros: n === 1 ? 800000 : null,
    page: 3,
    date_premiere_publication: "2026-11-01",
    date_derniere_modification: "2026-11-01",
    ...overrides,
  };
}

export interface Records {
  accords: AccordRecord[];
  engagements: EngagementRecord[];
}

export function records(): Records {
  const accords = [accord("accord-alpha"), accord("accord-beta", { date_signature: "2021-02-03", date_fin: null })];
  const engagements = accords.flatMap((a) => [engagement(a.id_accord, 1), engagement(a.id_accord, 2)]);
  return { accords, engagements };
}

/** The data files the lead's build stage produces for these records. */
export function dataFiles({ accords, engagements }: Records): OutputFile[] {
  const data = datasetBytes(accords, engagements);
  return [
    { path: `${SLUG}/accords.csv`, content: data.accordsCsv },
    { path: `${SLUG}/accords.json`, content: data.accordsJson },
    { path: `${SLUG}/engagements.csv`, content: data.engagementsCsv },
    { path: `${SLUG}/engagements.json`, content: data.engagementsJson },
    ...accords.map((a) => ({
      path: `${SLUG}/documents/${a.nom_fichier}`,
      content: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    })),
  ];
}

export function noChanges(): ChangeSummary {
  const none = { added: [], removed: [], changed: [] };
  return {
    slug: SLUG,
    accords: none,
    engagements: none,
    files: { added: [], changed: [], removed: [] },
    sourcePage: { before: PAGE, after: PAGE },
    rejected: [],
    warnings: [],
  };
}

/** A publication held in memory: what `publish` would have written. */
export class MemoryStore implements PublishedStore {
  readonly files = new Map<string, Uint8Array>();

  constructor(files: OutputFile[] = []) {
    this.publish(files);
  }

  async read(path: string): Promise<Uint8Array | null> {
    return this.files.get(path) ?? null;
  }

  publish(files: OutputFile[]): this {
    for (const f of files) this.files.set(f.path, f.content);
    return this;
  }
}

export const text = (file: OutputFile | undefined): string => new TextDecoder().decode(file?.content);
export const json = (file: OutputFile | undefined): Record<string, unknown> => JSON.parse(text(file));
export const byPath = (files: OutputFile[], path: string): OutputFile | undefined => files.find((f) => f.path === path);

// ---------------------------------------------------------------- the standards, from test/fixtures

const STANDARDS = new URL("../../fixtures/standards/", import.meta.url);

export const readStandard = (file: string): string => readFileSync(new URL(file, STANDARDS), "utf8");

/** A draft-07 validator of a Frictionless v2 profile, compiled from the untouched copy. */
export function frictionlessValidator(profile: "datapackage.json" | "tableschema.json"): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addFormat("textarea", true);
  return ajv.compile(JSON.parse(readStandard(`frictionless/v2/${profile}`)));
}

export function parseTurtle(turtle: string) {
  return new Parser().parse(turtle);
}

const validators = new Map<string, SHACLValidator>();

/** SHACL results of a Turtle document against the given DCAT-AP 3.0.1 shape files. */
export async function shaclResults(turtle: string, shapeFiles: string[]) {
  const key = shapeFiles.join("|");
  let validator = validators.get(key);
  if (!validator) {
    const shapes = rdf.dataset();
    for (const f of shapeFiles) for (const q of parseTurtle(readStandard(`dcat-ap/3.0.1/${f}`))) shapes.add(q);
    validator = new SHACLValidator(shapes, { factory: rdf });
    validators.set(key, validator);
  }
  const data = rdf.dataset();
  for (const q of parseTurtle(turtle)) data.add(q);
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    severity: r.severity?.value.split("#")[1],
    focusNode: r.focusNode?.value,
    path: r.path?.value,
    message: r.message.map((m) => m.value).join(" "),
    constraint: r.sourceConstraintComponent?.value.split("#")[1],
    value: r.value?.value,
  }));
}
