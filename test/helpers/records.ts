import { applyDates, toRecords } from "../../pipeline/build/records.ts";
import type { AccordRecord, EngagementRecord, ExtractedAgreement, FetchedDocument } from "../../pipeline/types.ts";

/** A small agreement as the extract stage returns it. */
export function sampleAgreement(overrides: Partial<ExtractedAgreement> = {}): ExtractedAgreement {
  return {
    titre:
      "Accord-cadre de partenariat territorial entre la Région Hauts-de-France et la Métropole européenne de Lille",
    type_accord: "accord-cadre de partenariat territorial",
    nom_region: "Région Hauts-de-France",
    siren_region: "200053742",
    nom_partenaire: "Métropole européenne de Lille",
    siren_partenaire: "200093201",
    nature_partenaire: "métropole",
    date_signature: "2020-07-17",
    lieu_signature: "Lille",
    date_debut: "2020-09-01",
    date_fin: "2025-12-31",
    duree_mois: 64,
    axes: [
      { numero: "1", intitule: "Conforter l’excellence économique" },
      { numero: "2", intitule: "Affirmer le rôle de hub régional" },
    ],
    nombre_pages: 6,
    engagements: [
      {
        numero_axe: "1",
        intitule_axe: "Conforter l’excellence économique",
        numero_engagement: "1.1",
        texte: "La Région s’engage à accompagner le parc Eurasanté, par une participation de 2,5 M€.",
        porteur: "region",
        montant_euros: 2500000,
        page: 3,
      },
      {
        numero_axe: "2",
        intitule_axe: "Affirmer le rôle de hub régional",
        numero_engagement: "2.1",
        texte: "=SUM(A1) La Métropole s’engage à réaliser les études, « pôle d’échanges », pour 1,2 M€.",
        porteur: "partenaire",
        montant_euros: 1200000,
        page: 4,
      },
    ],
    ...overrides,
  };
}

export function sampleDocument(fileName = "Accord-cadre-Region-MEL.pdf", sha256 = "a".repeat(64)): FetchedDocument {
  return {
    ref: {
      url: `https://example.org/wp-content/uploads/download-manager-files/${fileName}`,
      fileName,
      page: {
        url: "https://example.org/download/accords/",
        title: "Accords",
        description: null,
        dateCreation: "2020-10-01",
        dateMaj: "2020-10-02",
        fileCount: 1,
        totalSize: "80 KB",
      },
    },
    path: `/nowhere/${fileName}`,
    sha256,
    size: 81234,
    unchanged: false,
  };
}

/** The published records of the sample agreement, first published on 2026-11-26. */
export function sampleRecords(): { accord: AccordRecord; engagements: EngagementRecord[] } {
  const draft = toRecords(sampleDocument(), sampleAgreement());
  return {
    accord: applyDates<AccordRecord>(draft.accord, undefined, "2026-11-26"),
    engagements: draft.engagements.map((e) => applyDates<EngagementRecord>(e, undefined, "2026-11-26")),
  };
}
