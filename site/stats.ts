import type { Bar } from "./charts.ts";
import { count, formatEuros } from "./format.ts";
import type { Dataset } from "./model.ts";
import { axisGroups, axisLabel, engagementsOf, PORTEUR_LABELS, PORTEURS } from "./model.ts";

/** The figures the charts draw, from one dataset. */

export function engagementsPerAccord(dataset: Dataset): Bar[] {
  return dataset.accords.map((accord) => {
    const n = engagementsOf(dataset, accord.id_accord).length;
    return { label: accord.nom_partenaire, value: n, valueText: count(n, "engagement") };
  });
}

export function engagementsPerPorteur(dataset: Dataset): Bar[] {
  return PORTEURS.map((porteur) => {
    const n = dataset.engagements.filter((e) => e.porteur === porteur).length;
    return { label: PORTEUR_LABELS[porteur], value: n, valueText: count(n, "engagement") };
  });
}

/** Sum of the stated amounts per axis of each agreement; an axis without any stated amount says so rather than 0 €. */
export function amountsByAxis(dataset: Dataset): Bar[] {
  return dataset.accords.flatMap((accord) =>
    axisGroups(accord, engagementsOf(dataset, accord.id_accord)).map((group) => {
      const amounts = group.engagements.map((e) => e.montant_euros).filter((m): m is number => m !== null);
      const total = amounts.reduce((sum, m) => sum + m, 0);
      return {
        label: `${accord.nom_partenaire} — ${axisLabel(group)}`,
        value: total,
        valueText: amounts.length ? formatEuros(total) : "aucun montant",
      };
    }),
  );
}
