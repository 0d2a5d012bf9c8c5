import type { AccordRecord, EngagementRecord } from "../../pipeline/types.ts";
import type { Dataset, SiteInput } from "../../site/model.ts";

/** A small published dataset in memory, whose texts hold everything HTML must escape. */

export const HOSTILE = {
  partner: `Lille <Métropole> & "Cie" l'autre`,
  text: `<script>alert("x")</script> & la Région s'engage à <b>tout</b>`,
  axis: `Mobilité & « gares » <2030>`,
  file: "Accord #1 & <b>.pdf",
};

export function sampleAccord(overrides: Partial<AccordRecord> = {}): AccordRecord {
  return {
    id_accord: "accord-test",
    titre: `Accord-cadre entre la Région et ${HOSTILE.partner}`,
    type_accord: "accord-cadre de partenariat territorial",
    nom_region: "Région Hauts-de-France",
    siren_region: "200053742",
    nom_partenaire: HOSTILE.partner,
    siren_partenaire: "200093201",
    nature_partenaire: "métropole",
    date_signature: "2020-07-01",
    lieu_signature: "Lille",
    date_debut: null,
    date_fin: null,
    duree_mois: 72,
    axes: [{ numero: "1", intitule: HOSTILE.axis }],
    nombre_engagements: 2,
    url_document: "https://example.org/files/accord.pdf",
    nom_fichier: HOSTILE.file,
    sha256_document: "a".repeat(64),
    taille_octets: 70_495,
    nombre_pages: 5,
    url_page_source: "javascript:alert(1)",
    date_creation_source: "2020-10-01",
    date_maj_source: "2020-10-02",
    date_premiere_publication: "2026-11-26",
    date_derniere_modification: "2026-11-26",
    ...overrides,
  };
}

export function sampleEngagement(rank: number, overrides: Partial<EngagementRecord> = {}): EngagementRecord {
  return {
    id_engagement: `accord-test-${String(rank).padStart(3, "0")}`,
    id_accord: "accord-test",
    numero_axe: "1",
    intitule_axe: HOSTILE.axis,
    numero_engagement: `1.${rank}`,
    texte: HOSTILE.text,
    porteur: "region",
    montant_euros: 1_234_567.5,
    page: 2,
    date_premiere_publication: "2026-11-26",
    date_derniere_modification: "2026-11-26",
    ...overrides,
  };
}

export function sampleDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    slug: "jeu-test",
    meta: {
      title: "Jeu <test> & co",
      description: `Des "accords" & des <engagements>`,
      modified: "2026-11-01",
      licence: { title: "Licence Ouverte 2.0", url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence" },
      sourcePages: [{ title: "Page <source>", url: "https://example.org/download/?a=1&b=2" }],
    },
    accords: [sampleAccord()],
    engagements: [
      sampleEngagement(1),
      sampleEngagement(2, { numero_axe: null, intitule_axe: null, porteur: "conjoint", montant_euros: null, page: 4 }),
    ],
    files: [
      { path: "jeu-test/accords.csv", bytes: 2980 },
      { path: `jeu-test/documents/${HOSTILE.file}`, bytes: 70_495 },
    ],
    ...overrides,
  };
}

export function sampleInput(datasets: Dataset[] = [sampleDataset()]): SiteInput {
  return { datasets, sharedFiles: [{ path: "catalog.jsonld", bytes: 17_553 }] };
}
