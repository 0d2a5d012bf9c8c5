import type { AccordRecord } from "../../pipeline/types.ts";
import { count } from "../format.ts";
import type { Html } from "../html.ts";
import { html } from "../html.ts";
import type { Dataset, SiteInput } from "../model.ts";
import { axisGroups, axisLabel, engagementsOf, PORTEUR_LABELS, PORTEURS } from "../model.ts";
import { COMMITMENT_HEADERS, commitmentCells } from "./commitments.ts";
import { EXPLORER_PATH, layout } from "./layout.ts";
import { accordHref } from "./links.ts";

interface Entry {
  dataset: Dataset;
  accord: AccordRecord;
  /** Filter value, kept short for shareable URLs: the agreement id, qualified by its dataset only when ids collide. */
  key: string;
  label: string;
}

function entries(input: SiteInput): Entry[] {
  const all = input.datasets.flatMap((dataset) => dataset.accords.map((accord) => ({ dataset, accord })));
  const seen = (field: (e: (typeof all)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const e of all) counts.set(field(e), (counts.get(field(e)) ?? 0) + 1);
    return (e: (typeof all)[number]) => (counts.get(field(e)) ?? 0) > 1;
  };
  const idClash = seen((e) => e.accord.id_accord);
  const nameClash = seen((e) => e.accord.nom_partenaire);
  return all.map((e) => ({
    ...e,
    key: idClash(e) ? `${e.dataset.slug}/${e.accord.id_accord}` : e.accord.id_accord,
    label: nameClash(e) ? `${e.accord.nom_partenaire} (${e.accord.id_accord})` : e.accord.nom_partenaire,
  }));
}

function axisKey(entry: Entry, numero: string | null): string {
  return `${entry.key}:${numero ?? ""}`;
}

function option(value: string, label: string): Html {
  return html`<option value="${value}">${label}</option>`;
}

function filters(list: Entry[]): Html {
  return html`<form id="filtres" class="filters" role="search" aria-label="Filtrer les engagements" hidden>
<div class="field field-wide"><label for="f-q">Rechercher dans les engagements</label>
<input type="search" id="f-q" name="q" autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="f-accord">Accord</label>
<select id="f-accord" name="accord">${option("", "Tous les accords")}${list.map((e) => option(e.key, e.label))}</select></div>
<div class="field"><label for="f-axe">Axe</label>
<select id="f-axe" name="axe">${option("", "Tous les axes")}${list.map(
    (e) =>
      html`<optgroup label="${e.label}" data-accord="${e.key}">${axisGroups(e.accord, engagementsOf(e.dataset, e.accord.id_accord)).map((g) => option(axisKey(e, g.numero), axisLabel(g)))}</optgroup>`,
  )}</select></div>
<div class="field"><label for="f-porteur">Porteur</label>
<select id="f-porteur" name="porteur">${option("", "Tous les porteurs")}${PORTEURS.map((p) => option(p, PORTEUR_LABELS[p]))}</select></div>
<div class="field"><label for="f-montant">Montant</label>
<select id="f-montant" name="montant">${option("", "Avec ou sans montant")}${option("avec", "Avec un montant")}${option("sans", "Sans montant")}</select></div>
<div class="field field-button"><button type="reset">Effacer</button></div>
</form>`;
}

function rows(list: Entry[]): Html[] {
  return list.flatMap((entry) =>
    engagementsOf(entry.dataset, entry.accord.id_accord).map(
      (
        e,
      ) => html`<tr data-accord="${entry.key}" data-axe="${axisKey(entry, e.numero_axe)}" data-porteur="${e.porteur}" data-montant="${e.montant_euros === null ? "sans" : "avec"}">
<td><a href="${accordHref(entry.dataset, entry.accord)}#${e.id_engagement}">${entry.label}</a></td>
<td class="axe">${axisLabel({ numero: e.numero_axe, intitule: e.intitule_axe })}</td>
${commitmentCells(entry.dataset, entry.accord, e, "root")}
</tr>\n`,
    ),
  );
}

/**
 * Every commitment in server-rendered HTML, so the list reads without JavaScript; the script
 * only hides rows and mirrors the filters in the query string.
 */
export function explorerPage(input: SiteInput): string {
  const list = entries(input);
  const total = input.datasets.reduce((n, d) => n + d.engagements.length, 0);
  const body = html`<h1>Explorer les engagements</h1>
<p class="lead">Tous les engagements des accords publiés. Cherchez un mot (sans vous soucier des accents), filtrez par accord, axe, porteur ou montant : l'adresse de la page garde votre recherche, vous pouvez la partager.</p>
<noscript><p class="notice">Sans JavaScript, la recherche et les filtres ne sont pas disponibles ; la liste complète est affichée ci-dessous.</p></noscript>
${filters(list)}
<p id="resultats" class="results" role="status">${count(total, "engagement")}</p>
<p id="aucun-resultat" class="notice" hidden>Aucun engagement ne correspond à cette recherche.</p>
<div class="table-scroll"><table id="engagements">
<caption class="visually-hidden">Engagements</caption>
<thead><tr><th scope="col">Accord</th><th scope="col">Axe</th>${COMMITMENT_HEADERS}</tr></thead>
<tbody>
${rows(list)}</tbody>
</table></div>`;
  return layout({
    path: EXPLORER_PATH,
    title: "Explorer les engagements",
    section: "engagements",
    body,
    scripts: ["assets/explorer.js"],
  });
}
