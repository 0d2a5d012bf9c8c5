import { barChart } from "../charts.ts";
import { count, formatBytes, formatDate, formatNumber } from "../format.ts";
import type { Fragment, Html } from "../html.ts";
import { html, isWebUrl, sitePath } from "../html.ts";
import type { Dataset, Link, PublishedFile, SiteInput } from "../model.ts";
import { engagementsOf } from "../model.ts";
import { amountsByAxis, engagementsPerAccord, engagementsPerPorteur } from "../stats.ts";
import { EXPLORER_PATH, layout, SITE_NAME } from "./layout.ts";
import { accordHref, documentHref } from "./links.ts";

/** What each downloadable file of a dataset holds, in the order a reuser looks for them. */
const DATASET_DOWNLOADS: [file: string, content: string][] = [
  ["accords.csv", "Accords, un par document (CSV)"],
  ["accords.json", "Accords (JSON)"],
  ["engagements.csv", "Engagements, un par ligne (CSV)"],
  ["engagements.json", "Engagements (JSON)"],
  ["datapackage.json", "Métadonnées et schémas des tables (Data Package)"],
  ["README.md", "Dictionnaire des données et historique des mises à jour (Markdown)"],
];

const SHARED_DOWNLOADS: Record<string, string> = {
  "catalog.jsonld": "Catalogue DCAT-AP de tous les jeux de données (JSON-LD)",
  "catalog.ttl": "Catalogue DCAT-AP de tous les jeux de données (Turtle)",
};

function externalLink(link: Link): Fragment {
  return isWebUrl(link.url) ? html`<a href="${link.url}">${link.title}</a>` : link.title;
}

function downloadsTable(caption: string, rows: { file: PublishedFile; name: string; content: string }[]): Html {
  return html`<div class="table-scroll"><table class="downloads">
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Fichier</th><th scope="col">Contenu</th><th scope="col" class="number">Taille</th></tr></thead>
<tbody>
${rows.map(
  (r) =>
    html`<tr><td><a href="${sitePath(...r.file.path.split("/"))}">${r.name}</a></td><td>${r.content}</td><td class="number">${formatBytes(r.file.bytes)}</td></tr>\n`,
)}</tbody>
</table></div>`;
}

function datasetDownloads(dataset: Dataset): Html {
  const rows = DATASET_DOWNLOADS.flatMap(([name, content]) => {
    const file = dataset.files.find((f) => f.path === `${dataset.slug}/${name}`);
    return file ? [{ file, name, content }] : [];
  });
  return downloadsTable(`Fichiers du jeu de données « ${dataset.meta.title} »`, rows);
}

function accordsTable(dataset: Dataset): Html {
  const rows = dataset.accords.map((accord) => {
    const pdf = documentHref(dataset, accord, "root");
    return html`<tr>
<th scope="row"><a href="${accordHref(dataset, accord)}">${accord.nom_partenaire}</a></th>
<td>${accord.nature_partenaire ?? "—"}</td>
<td>${accord.date_signature ? formatDate(accord.date_signature) : "—"}</td>
<td class="number">${accord.axes.length}</td>
<td class="number">${engagementsOf(dataset, accord.id_accord).length}</td>
<td>${pdf ? html`<a href="${pdf}">${accord.nom_fichier}</a>` : accord.nom_fichier} <span class="muted">(${count(accord.nombre_pages, "page")}, ${formatBytes(accord.taille_octets)})</span></td>
</tr>\n`;
  });
  return html`<div class="table-scroll"><table>
<caption class="visually-hidden">Accords du jeu de données « ${dataset.meta.title} »</caption>
<thead><tr><th scope="col">Partenaire</th><th scope="col">Nature</th><th scope="col">Signé le</th><th scope="col" class="number">Axes</th><th scope="col" class="number">Engagements</th><th scope="col">Document source</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
}

function datasetSection(dataset: Dataset): Html {
  const { meta, slug } = dataset;
  const withAmount = dataset.engagements.filter((e) => e.montant_euros !== null).length;
  return html`<section class="dataset" aria-labelledby="jeu-${slug}">
<h2 id="jeu-${slug}">${meta.title}</h2>
${meta.modified ? html`<p class="updated">Mis à jour le <time datetime="${meta.modified}">${formatDate(meta.modified)}</time></p>` : ""}
${meta.description ? html`<p>${meta.description}</p>` : ""}
<dl class="facts">
<div><dt>Contenu</dt><dd>${count(dataset.accords.length, "accord")}, ${count(dataset.engagements.length, "engagement")} dont ${formatNumber(withAmount)} avec un montant</dd></div>
${meta.sourcePages.length ? html`<div><dt>Source</dt><dd>${meta.sourcePages.map((s, i) => html`${i ? ", " : ""}${externalLink(s)}`)}</dd></div>` : ""}
${meta.licence ? html`<div><dt>Licence</dt><dd>${externalLink(meta.licence)}</dd></div>` : ""}
</dl>
<h3>Télécharger les données</h3>
${datasetDownloads(dataset)}
<h3>Les accords</h3>
${accordsTable(dataset)}
<h3>En graphiques</h3>
<div class="charts">
${barChart({ id: `${slug}-par-accord`, title: "Engagements par accord", labelHeader: "Partenaire", valueHeader: "Engagements", bars: engagementsPerAccord(dataset) })}
${barChart({ id: `${slug}-par-porteur`, title: "Engagements par porteur", labelHeader: "Porteur", valueHeader: "Engagements", bars: engagementsPerPorteur(dataset) })}
${barChart({
  id: `${slug}-montants-par-axe`,
  title: "Montants par axe",
  labelHeader: "Accord et axe",
  valueHeader: "Somme des montants indiqués",
  bars: amountsByAxis(dataset),
  note: `Somme des montants en euros écrits dans les engagements de chaque axe (${count(withAmount, "engagement")} sur ${formatNumber(dataset.engagements.length)} en indiquent un). Un engagement sans montant n'y compte pas.`,
})}
</div>
</section>`;
}

function sharedSection(input: SiteInput): Html {
  if (input.sharedFiles.length === 0) return html``;
  const rows = input.sharedFiles.map((file) => ({
    file,
    name: file.path,
    content:
      SHARED_DOWNLOADS[file.path] ?? (file.path.startsWith("schemas/") ? "Schéma des enregistrements" : "Fichier"),
  }));
  return html`<section aria-labelledby="catalogue">
<h2 id="catalogue">Catalogue et schémas</h2>
<p>Pour les portails et les moissonneurs : le catalogue de tous les jeux de données et les schémas qui décrivent chaque champ.</p>
${downloadsTable("Catalogue et schémas", rows)}
</section>`;
}

export function homePage(input: SiteInput): string {
  const total = input.datasets.reduce((n, d) => n + d.engagements.length, 0);
  const body = html`<h1>${SITE_NAME}</h1>
<p class="lead">Les accords-cadres signés par la Région et les territoires partenaires, et chacun de leurs engagements : qui s'engage, à quoi, pour quel montant, à quelle page du document signé. Parcourez-les, cherchez dans les engagements ou téléchargez les données.</p>
${
  input.datasets.length
    ? html`<p><a class="button" href="${EXPLORER_PATH}">Explorer les ${count(total, "engagement")}</a></p>
${input.datasets.map(datasetSection)}`
    : html`<p>Aucun jeu de données n'est encore publié.</p>`
}
${sharedSection(input)}`;
  return layout({ path: "index.html", title: "Jeux de données", section: "accueil", body });
}
