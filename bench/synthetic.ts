/**
 * Extraction results built in memory, for timing the build+validate stage alone at a scale the
 * PDF corpus would take long to reach (1,000 agreements, 40,000 commitments by default).
 */
import { createHash } from "node:crypto";
import type { ExtractedDocument } from "../pipeline/build/index.ts";
import type { ExtractedAgreement, ExtractedCommitment } from "../pipeline/types.ts";
import { formatAmount, isoDate } from "./corpus/french.ts";
import { agreementModel } from "./corpus/model.ts";
import { FILES_PATH, PAGE_PATH } from "./corpus/site.ts";

export function syntheticExtraction(agreements: number, commitmentsEach: number, seed: number): ExtractedDocument[] {
  const origin = "http://127.0.0.1:8080";
  return Array.from({ length: agreements }, (_, i) => {
    const m = agreementModel(seed, i);
    const items = m.axes.flatMap((axis) => axis.commitments.map((c) => ({ axis, c })));
    const engagements = Array.from({ length: commitmentsEach }, (_, k): ExtractedCommitment => {
      const { axis, c } = items[k % items.length] as (typeof items)[number];
      const amount = c.amount ? c.amount.value : null;
      const printed = c.amount ? c.amount.lead.replace("{amount}", formatAmount(c.amount.value, c.amount.style)) : "";
      return {
        numero_axe: axis.numero,
        intitule_axe: axis.intitule,
        numero_engagement: `${axis.numero}.${k + 1}`,
        texte: `${c.subject} ${c.action}${printed}.`,
        porteur: c.porteur,
        montant_euros: amount,
        page: 3 + Math.floor(k / 6),
      };
    });
    const agreement: ExtractedAgreement = {
      titre: `${m.title} entre la Région Hauts-de-France et ${m.partner.name}`,
      type_accord: m.title.toLowerCase(),
      nom_region: "Région Hauts-de-France",
      siren_region: "200053742",
      nom_partenaire: m.partner.name,
      siren_partenaire: m.siren,
      nature_partenaire: m.partner.nature,
      date_signature: isoDate(m.signature.date),
      lieu_signature: m.signature.place,
      date_debut: `${m.startYear}-01-01`,
      date_fin: `${m.endYear}-12-31`,
      duree_mois: (m.endYear - m.startYear + 1) * 12,
      axes: m.axes.map((a) => ({ numero: a.numero, intitule: a.intitule })),
      nombre_pages: m.targetPages,
      engagements,
    };
    const fileName = `SYNTH-${String(i + 1).padStart(5, "0")}-${m.fileName}`;
    return {
      agreement,
      document: {
        ref: {
          url: `${origin}${FILES_PATH}${fileName}`,
          fileName,
          page: {
            url: `${origin}${PAGE_PATH}`,
            title: "Accords-cadres signés (banc d’essai)",
            description: null,
            dateCreation: "2020-10-01",
            dateMaj: "2024-01-15",
            fileCount: agreements,
            totalSize: null,
          },
        },
        path: "",
        sha256: createHash("sha256").update(fileName).digest("hex"),
        size: 60_000 + i,
        unchanged: false,
      },
    };
  });
}
