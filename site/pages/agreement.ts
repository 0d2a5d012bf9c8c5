import type { AccordRecord } from "../../pipeline/types.ts";
import { count, formatBytes, formatDate, formatEuros } from "../format.ts";
import type { Fragment, Html } from "../html.ts";
import { html, isWebUrl, sitePath } from "../html.ts";
import type { Dataset } from "../model.ts";
import { accordPagePath, axisGroups, axisLabel, engagementsOf } from "../model.ts";
import { COMMITMENT_HEADERS, commitmentCells } from "./commitments.ts";
import { layout, rootOf } from "./layout.ts";
import { documentHref } from "./links.ts";

function fact(term: string, value: Fragment): Html {
  return html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
}

function siren(value: string | null): Fragment {
  return value === null
    ? ""
    : html` — SIREN <a href="https://annuaire-entreprises.data.gouv.fr/entreprise/${value}">${value}</a>`;
}

function joined(parts: (string | null)[], empty: string): string {
  const present = parts.filter((p): p is string => p !== null);
  return present.length ? present.join(", ") : empty;
}

function signature(a: AccordRecord): string {
  const when = a.date_signature ? `le ${formatDate(a.date_signature)}` : null;
  const where = a.lieu_signature ? `à ${a.lieu_signature}` : null;
  return [when, where].filter(Boolean).join(" ") || "non indiquée";
}

function validity(a: AccordRecord): string {
  const period =
    a.date_debut && a.date_fin
      ? `du ${formatDate(a.date_debut)} au ${formatDate(a.date_fin)}`
      : a.date_debut
        ? `à partir du ${formatDate(a.date_debut)}`
        : a.date_fin
          ? `jusqu'au ${formatDate(a.date_fin)}`
          : null;
  return joined(
    [period, a.duree_mois === null ? null : `durée : ${count(a.duree_mois, "mois", "mois")}`],
    "non indiquée",
  );
}

function metadata(dataset: Dataset, a: AccordRecord): Html {
  const pdf = documentHref(dataset, a, "dataset");
  const sourceDates = joined(
    [
      a.date_creation_source ? `créée le ${formatDate(a.date_creation_source)}` : null,
      a.date_maj_source ? `mise à jour le ${formatDate(a.date_maj_source)}` : null,
    ],
    "",
  );
  return html`<dl class="facts">
${fact("Partenaire", html`${a.nom_partenaire}${a.nature_partenaire ? ` (${a.nature_partenaire})` : ""}${siren(a.siren_partenaire)}`)}
${fact("Région", html`${a.nom_region}${siren(a.siren_region)}`)}
${fact("Type d'accord", a.type_accord)}
${fact("Signature", signature(a))}
${fact("Validité", validity(a))}
${fact(
  "Document signé",
  html`${pdf ? html`<a href="${pdf}">${a.nom_fichier}</a>` : a.nom_fichier} (PDF, ${count(a.nombre_pages, "page")}, ${formatBytes(a.taille_octets)})${
    isWebUrl(a.url_document) ? html` — <a href="${a.url_document}">adresse d'origine</a>` : ""
  }<br><span class="muted">SHA-256 <code class="hash">${a.sha256_document}</code></span>`,
)}
${
  a.url_page_source
    ? fact(
        "Page source",
        html`${isWebUrl(a.url_page_source) ? html`<a href="${a.url_page_source}">${a.url_page_source}</a>` : a.url_page_source}${sourceDates ? ` (${sourceDates})` : ""}`,
      )
    : ""
}
${fact(
  "Dans le jeu de données",
  `depuis le ${formatDate(a.date_premiere_publication)}, modifié le ${formatDate(a.date_derniere_modification)}`,
)}
</dl>`;
}

export function agreementPage(dataset: Dataset, accord: AccordRecord): string {
  const path = accordPagePath(dataset, accord);
  const root = rootOf(path);
  const engagements = engagementsOf(dataset, accord.id_accord);
  const groups = axisGroups(accord, engagements);
  const amounts = engagements.map((e) => e.montant_euros).filter((m): m is number => m !== null);
  const anchor = (i: number) => `axe-${i + 1}`;
  const body = html`<nav aria-label="Fil d'Ariane"><ol class="breadcrumb">
<li><a href="${root}index.html#jeu-${dataset.slug}">${dataset.meta.title}</a></li>
<li><a aria-current="page" href="${sitePath(`${accord.id_accord}.html`)}">${accord.nom_partenaire}</a></li>
</ol></nav>
<h1>${accord.titre}</h1>
<p class="lead">${count(engagements.length, "engagement")}${
    amounts.length
      ? `, dont ${amounts.length} avec un montant (total indiqué : ${formatEuros(amounts.reduce((s, m) => s + m, 0))})`
      : ""
  }.</p>
${metadata(dataset, accord)}
<h2 id="axes">Axes stratégiques</h2>
${
  groups.length
    ? html`<ol class="axes">
${groups.map((g, i) => html`<li><a href="#${anchor(i)}">${axisLabel(g)}</a> — ${count(g.engagements.length, "engagement")}</li>\n`)}</ol>`
    : html`<p>Le document n'énonce pas d'axe.</p>`
}
<h2 id="engagements">Engagements</h2>
<p>Chaque engagement renvoie à la page du document signé où il commence.</p>
${groups.map(
  (g, i) => html`<section aria-labelledby="${anchor(i)}">
<h3 id="${anchor(i)}">${axisLabel(g)}</h3>
${
  g.engagements.length
    ? html`<div class="table-scroll"><table aria-labelledby="${anchor(i)}">
<thead><tr>${COMMITMENT_HEADERS}</tr></thead>
<tbody>
${g.engagements.map((e) => html`<tr id="${e.id_engagement}">${commitmentCells(dataset, accord, e, "dataset")}</tr>\n`)}</tbody>
</table></div>`
    : html`<p>Aucun engagement publié pour cet axe.</p>`
}
</section>\n`,
)}`;
  return layout({ path, title: accord.nom_partenaire, body });
}
