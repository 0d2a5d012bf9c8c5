import type { AccordRecord, EngagementRecord, SourcePage } from "../../types.ts";
import { compareIds } from "../records.ts";
import type { MetadataConfig } from "./config.ts";
import type { Datapackage } from "./datapackage.ts";
import { dateOf } from "./dates.ts";
import { DATA_RESOURCES, DATAPACKAGE_RESOURCE } from "./resources.ts";
import { TABLES, type TableDefinition, type TableSchemaField, tableSchema } from "./table-schema.ts";
import { isWebUrl } from "./urls.ts";

/**
 * The README.md of a dataset, in French, generated from the Data Package and the schemas only
 * (no clock, no environment), so an unchanged dataset gets a byte-identical README.
 */

export interface ReadmeInput {
  datapackage: Datapackage;
  page: SourcePage | null;
  accords: AccordRecord[];
  engagements: EngagementRecord[];
  config: MetadataConfig;
}

export function renderReadme(input: ReadmeInput): string {
  const sections = [
    header(input),
    source(input),
    files(input.datapackage, input.accords),
    dictionary(),
    history(input.datapackage),
    licence(input),
    citation(input),
    metadata(input.config),
  ];
  return `${sections.join("\n\n")}\n`;
}

function header({ datapackage: pkg, accords, engagements, config }: ReadmeInput): string {
  const facts: [string, string][] = [
    ["Identifiant", code(pkg.name)],
    ["Éditeur", link(config.publisher.name, config.publisher.uri)],
    ["Licence", link(config.licence.title, config.licence.uri)],
    ["Première publication", dateOf(pkg.created)],
    ["Dernière modification", dateOf(pkg.modified)],
    ...(pkg.temporalCoverage
      ? [["Période couverte", `du ${pkg.temporalCoverage.start} au ${pkg.temporalCoverage.end}`] as [string, string]]
      : []),
    ["Contenu", `${count(accords.length, "accord")}, ${count(engagements.length, "engagement")}`],
    ...(pkg.keywords ? [["Mots-clés", pkg.keywords.map(cell).join(", ")] as [string, string]] : []),
  ];
  return [
    `# ${inline(pkg.title)}`,
    inline(pkg.description),
    facts.map(([name, value]) => `- ${name} : ${value}`).join("\n"),
    "Ce fichier est produit par le pipeline accords-ouverts à partir des schémas et de `datapackage.json` : ne pas le modifier à la main.",
  ].join("\n\n");
}

function source({ page, accords }: ReadmeInput): string {
  const intro = page
    ? [
        `Les enregistrements sont extraits des documents PDF listés sur la page ${link(page.title ?? page.url, page.url)}.`,
        "",
        `- Date de création affichée par la page : ${page.dateCreation ?? "non indiquée"}`,
        `- Dernière mise à jour affichée par la page : ${page.dateMaj ?? "non indiquée"}`,
        `- Fichiers annoncés par la page : ${page.fileCount ?? "non indiqué"}${page.totalSize ? ` (${cell(page.totalSize)})` : ""}`,
      ].join("\n")
    : "Les enregistrements sont extraits de documents PDF lus dans un dossier local (aucune page web source).";
  const rows = [...accords]
    .sort((a, b) => compareIds(a.id_accord, b.id_accord))
    .map((a) => [
      `${link(a.nom_fichier, `documents/${a.nom_fichier}`)}${isWebUrl(a.url_document) ? ` (${link("original", a.url_document)})` : ""}`,
      cell(a.titre),
      cell(a.nom_partenaire),
      a.date_signature ?? "",
      String(a.nombre_pages),
      String(a.nombre_engagements),
    ]);
  const documents =
    rows.length > 0
      ? table(["Document", "Accord", "Partenaire", "Signé le", "Pages", "Engagements"], rows)
      : "Aucun document publié.";
  return `## Source\n\n${intro}\n\n${documents}`;
}

function files(pkg: Datapackage, accords: AccordRecord[]): string {
  const rows = pkg.resources.map((r) => [link(r.path, r.path), cell(r.title), String(r.bytes), dateOf(r.modified)]);
  rows.push([link(DATAPACKAGE_RESOURCE.file, DATAPACKAGE_RESOURCE.file), cell(DATAPACKAGE_RESOURCE.title), "", ""]);
  const pdfBytes = accords.reduce((sum, a) => sum + a.taille_octets, 0);
  rows.push([
    link("documents/", "documents/"),
    `${count(accords.length, "document")} PDF source`,
    String(pdfBytes),
    "",
  ]);
  return [
    "## Fichiers",
    table(["Fichier", "Contenu", "Taille (octets)", "Dernière modification"], rows),
    "Les empreintes SHA-256 des fichiers sont dans `datapackage.json` (et dans le catalogue).",
    "CSV : UTF-8 sans BOM, séparateur virgule, ligne d'en-tête, guillemets selon la RFC 4180, dates AAAA-MM-JJ, point comme séparateur décimal, cellule vide pour une donnée inconnue. " +
      "Une cellule de texte qui commencerait par `=`, `+`, `-` ou `@` est précédée d'une apostrophe, pour qu'un tableur ne l'exécute pas comme une formule ; le JSON garde le texte exact.",
  ].join("\n\n");
}

function dictionary(): string {
  return ["## Dictionnaire des données", ...TABLES.map(tableDictionary)].join("\n\n");
}

function tableDictionary(definition: TableDefinition): string {
  const schema = tableSchema(definition);
  const files = DATA_RESOURCES.filter((r) => r.records === definition).map((r) => code(r.file));
  const rows = schema.fields.map((f) => [
    code(f.name),
    fieldType(f, definition),
    f.constraints?.required ? "oui" : "non",
    constraints(f),
    cell(f.description ?? ""),
    f.example === undefined ? "" : code(f.example),
  ]);
  const keys = [
    `Clé primaire : ${schema.primaryKey.map(code).join(", ")}.`,
    ...(schema.foreignKeys ?? []).map(
      (fk) =>
        `${fk.fields.map(code).join(", ")} renvoie à ${fk.reference.fields.map(code).join(", ")} de ${code(fk.reference.resource)}.`,
    ),
  ].join(" ");
  return [
    `### ${definition.name} (${files.join(", ")})`,
    inline(definition.jsonSchema.description),
    table(["Colonne", "Type", "Obligatoire", "Contraintes", "Description", "Exemple"], rows),
    keys,
  ].join("\n\n");
}

const TYPE_NAMES: Record<TableSchemaField["type"], string> = {
  string: "texte",
  integer: "entier",
  number: "nombre",
  date: "date (AAAA-MM-JJ)",
  boolean: "booléen",
};

function fieldType(field: TableSchemaField, definition: TableDefinition): string {
  const json = definition.jsonSchema.properties[field.name];
  const jsonType = Array.isArray(json?.type) ? json.type.filter((t) => t !== "null") : [json?.type];
  if (jsonType.includes("array")) return "texte (JSON : tableau)";
  if (field.format === "uri") return "URL";
  if (field.format === "email") return "adresse électronique";
  return TYPE_NAMES[field.type];
}

function constraints(field: TableSchemaField): string {
  const c = field.constraints ?? {};
  return [
    c.unique ? "unique" : "",
    c.enum ? `valeurs : ${c.enum.map((v) => code(String(v))).join(", ")}` : "",
    c.pattern ? `motif ${code(c.pattern)}` : "",
    c.minLength !== undefined ? `au moins ${c.minLength} caractère${c.minLength > 1 ? "s" : ""}` : "",
    c.maxLength !== undefined ? `au plus ${c.maxLength} caractères` : "",
    c.minimum !== undefined ? `≥ ${c.minimum}` : "",
    c.maximum !== undefined ? `≤ ${c.maximum}` : "",
  ]
    .filter(Boolean)
    .join(" ; ");
}

function history(pkg: Datapackage): string {
  const lines = [...pkg.history].reverse().map((h) => `- ${h.date} : ${inline(h.summary)}`);
  return ["## Historique des mises à jour", lines.join("\n")].join("\n\n");
}

function licence({ config, datapackage: pkg }: ReadmeInput): string {
  return [
    "## Licence",
    `Données publiées sous la ${link(config.licence.title, config.licence.uri)} : réutilisation libre, y compris commerciale, ` +
      `à condition de mentionner la source (${cell(config.publisher.name)}) et la date de dernière mise à jour (${dateOf(pkg.modified)}).`,
  ].join("\n\n");
}

function citation({ config, datapackage: pkg }: ReadmeInput): string {
  return [
    "## Citer ce jeu de données",
    `> ${cell(config.publisher.name)}, « ${inline(pkg.title)} », jeu de données ${code(pkg.name)}, mis à jour le ${dateOf(pkg.modified)}, ${pkg.homepage}. ${cell(config.licence.title)}.`,
  ].join("\n\n");
}

function metadata(config: MetadataConfig): string {
  return [
    "## Métadonnées",
    [
      `- ${code("datapackage.json")} : description Frictionless Data Package v2 (fichiers, tailles, empreintes, dates, schémas de table, historique).`,
      `- ${link("../catalog.ttl", "../catalog.ttl")} et ${link("../catalog.jsonld", "../catalog.jsonld")} : catalogue DCAT-AP 3.0.1 de tous les jeux de données, moissonnable par data.gouv.fr.`,
      ...DATA_RESOURCES.map((r) => `- Schéma de ${code(r.file)} : ${r.conformsTo(config)}`),
    ].join("\n"),
  ].join("\n\n");
}

// ---------------------------------------------------------------- Markdown helpers

function count(n: number, noun: string): string {
  return `${n} ${noun}${n > 1 ? "s" : ""}`;
}

/** Text on one line, safe inside a table cell. */
function cell(text: string): string {
  return inline(text).replaceAll("|", "\\|");
}

function inline(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${cell(text)}${fence}`;
}

function link(text: string, url: string): string {
  return `[${cell(text).replace(/[[\]]/g, "\\$&")}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
