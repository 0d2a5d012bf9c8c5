import type { AccordRecord, EngagementRecord } from "../../pipeline/types.ts";
import { formatEuros } from "../format.ts";
import type { Html } from "../html.ts";
import { html } from "../html.ts";
import type { Dataset } from "../model.ts";
import { PORTEUR_LABELS } from "../model.ts";
import type { From } from "./links.ts";
import { documentHref } from "./links.ts";

/** Cells of one commitment, shared by the agreement pages and the explorer, and their headers. */

export const COMMITMENT_HEADERS = html`<th scope="col">N°</th><th scope="col">Engagement</th><th scope="col">Porteur</th><th scope="col" class="number">Montant</th><th scope="col">Page</th>`;

/** A dash for the eye, words for the ear. */
export function missing(spoken: string): Html {
  return html`<span aria-hidden="true">—</span><span class="visually-hidden">${spoken}</span>`;
}

export function commitmentCells(dataset: Dataset, accord: AccordRecord, e: EngagementRecord, from: From): Html {
  const pdf = documentHref(dataset, accord, from, e.page);
  const page = html`p.&nbsp;${e.page}<span class="visually-hidden"> du document</span>`;
  return html`<td>${e.numero_engagement ?? missing("sans numéro")}</td>
<td class="texte">${e.texte}</td>
<td>${PORTEUR_LABELS[e.porteur]}</td>
<td class="number">${e.montant_euros === null ? missing("non indiqué") : formatEuros(e.montant_euros)}</td>
<td class="page">${pdf ? html`<a href="${pdf}">${page}</a>` : page}</td>`;
}
