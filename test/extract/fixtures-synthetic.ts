/**
 * A synthetic agreement in a layout the development PDFs do not have: a table of contents, axes with
 * three-level numbered commitments, "▪" and "a)" lists, a fiche-action, a non-committing list of
 * findings, a preamble that "s'engage", running header and footer, a period instead of a duration.
 */
import type { PageText } from "../../pipeline/types.ts";
import { layout, type Para } from "./synthetic.ts";

const H = (text: string, gap = 14): Para => ({ text, size: 13, font: "bold", gap });
const P = (text: string): Para => ({ text });

export function structureD(): PageText[] {
  const paras: Para[] = [
    { text: "ACCORD-CADRE DE PARTENARIAT TERRITORIAL", size: 20, font: "title", gap: 100 },
    { text: "entre la Région Hauts-de-France et la Communauté urbaine d'Arras", size: 14, font: "title", gap: 4 },
    { text: "« Arras, cœur de l'Artois »", size: 12, gap: 40 },
    { text: "Sommaire", size: 13, font: "bold", newPage: true },
    P("Préambule ........................................................ 2"),
    P("Article 1 – Objet .................................................. 2"),
    P("Axe 1 – Développer l'économie de la connaissance ....... 3"),
    P("1.1.1 La Région s'engage à soutenir les laboratoires ....... 3"),
    P("Article 5 – Gouvernance ........................................ 4"),
    H("Entre les soussignés", 30),
    P("La Région Hauts-de-France, SIREN 200 053 742, représentée par son Président, ci-après dénommée « la Région »,"),
    P("et"),
    P("la Communauté urbaine d'Arras, représentée par son Président, ci-après dénommée « la CUA »,"),
    P("Vu le code général des collectivités territoriales, et notamment son article L. 1111-9 ;"),
    H("Préambule"),
    P(
      "Le territoire arrageois occupe une position centrale. La Région s'engage à faire de cet accord un cadre de référence pour ses relations avec les pôles d'envergure régionale.",
    ),
    P("Il est convenu ce qui suit :"),
    H("Article 1 – Objet"),
    P("Le présent accord fixe les priorités partagées et les engagements réciproques des parties."),
    H("Article 2 – Enjeux"),
    P("Les parties partagent le constat suivant :"),
    { bullet: "•", text: "le territoire s'engage à peine dans la transition énergétique ;", x: 85 },
    { bullet: "•", text: "l'offre de formation supérieure reste limitée.", x: 85 },
    H("Axe 1 – Développer l'économie de la connaissance et conforter l'université de l'Artois"),
    P("L'université de l'Artois est un atout pour l'ensemble du territoire."),
    P(
      "1.1.1 La Région s'engage à soutenir les laboratoires de l'université à hauteur de 2 millions d'euros sur la durée de l'accord.",
    ),
    P("1.1.2 La CUA s'engage à mettre à disposition 40 000 m² de foncier pour l'extension du campus."),
    P("La CUA s'engage en outre à :"),
    { bullet: "▪", text: "créer une pépinière d'entreprises innovantes, pour un coût de 350 000 € ;", x: 85 },
    { bullet: "▪", text: "réserver 50 % des places aux jeunes entreprises issues de l'université.", x: 85 },
    H("Axe 2 – Renforcer les mobilités"),
    {
      text: "Fiche-action n° 2.1 – Créer un pôle d'échanges multimodal en gare d'Arras",
      size: 12,
      font: "bold",
      gap: 10,
    },
    P("Porteur : Région et CUA"),
    P("Montant : 12 500 euros HT"),
    P("Calendrier : 2022-2024"),
    P("Les parties s'engagent à :"),
    { bullet: "a)", text: "organiser chaque année une conférence des mobilités ;", x: 85 },
    { bullet: "b)", text: "publier un bilan commun de la fréquentation des transports.", x: 85 },
    H("Article 5 – Gouvernance"),
    P(
      "Un comité de pilotage se réunit chaque année. Chacune des parties s'engage à désigner un référent chargé du suivi de l'accord.",
    ),
    H("Article 6 – Durée"),
    P("Le présent accord est conclu pour la période 2021-2026."),
    P("Fait à Arras, le 3/03/2021, en deux exemplaires."),
  ];
  return layout(paras, {
    header: "Accord-cadre Région Hauts-de-France – Communauté urbaine d'Arras",
    footer: (p, n) => `Page ${p}/${n}`,
  });
}
