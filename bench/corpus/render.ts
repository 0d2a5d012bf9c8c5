/** Lays an agreement model out as a PDF in one of the three layouts of the genre. */
import { capitalize, formatSiren, frenchDate } from "./french.ts";
import { type Frame, PageLayout, type ParagraphStyle } from "./layout.ts";
import { type AgreementModel, type Amount, type Commitment, type Porteur, printedAmount } from "./model.ts";
import { Rng } from "./random.ts";
import {
  FILLER_SENTENCES,
  FILLER_SUBTITLES,
  FILLER_TITLES,
  NATURE_PHRASE,
  REGION_PRESIDENT,
  shortName,
  withArticle,
} from "./words.ts";

/** Fixed so that the same model always gives the same bytes (pdfkit derives the file ID from it). */
const CREATION_DATE = new Date(Date.UTC(2024, 0, 15, 9, 0, 0));
const NOTE = "Document fictif – jeu d’essai";

export interface RenderedAgreement {
  bytes: Buffer;
  pages: number;
}

export async function renderAgreement(model: AgreementModel): Promise<RenderedAgreement> {
  const size = model.layout === "B" ? 11 : model.layout === "C" ? 10 : 10.5;
  const layout = new PageLayout({
    family: model.family,
    size,
    margins: { top: 72, bottom: 72, left: 70, right: 70 },
    info: {
      Title: `${model.title} – Région Hauts-de-France / ${model.partner.name}`,
      Author: "Région Hauts-de-France (document fictif)",
      Subject: NOTE,
      CreationDate: CREATION_DATE,
    },
    frame: frameOf(model),
  });
  new Writer(layout, model).write();
  return layout.finish();
}

function frameOf(model: AgreementModel): Frame {
  const period = `${model.startYear}-${model.endYear}`;
  const name = model.partner.name;
  const header = [
    `ACPT Région Hauts-de-France / ${name}`,
    `Région Hauts-de-France – ${name} – ${model.title}`,
    `${model.title} – Région Hauts-de-France / ${name}`,
  ][model.frame] as string;
  const footer = [`${model.title} ${period}`, `${NOTE} – ne constitue pas un acte officiel`, NOTE][
    model.frame
  ] as string;
  return (page, n, count) => {
    const fits = (text: string, size: number): number => {
      let s = size;
      while (s > 5 && page.textWidth(text, "regular", s) > page.width) s -= 0.5;
      return s;
    };
    const headerSize = fits(header, 8);
    if (n > 1 || model.frame === 0) {
      const x =
        model.frame === 0 ? page.left : page.left + (page.width - page.textWidth(header, "regular", headerSize)) / 2;
      page.put(header, x, 36, "regular", headerSize);
    }
    const footerY = page.pageHeight - 50;
    const footerSize = fits(footer, 8);
    page.put(footer, page.left, footerY, "regular", footerSize);
    if (n > 1 || model.frame !== 1) {
      const label = `Page ${n}/${count}`;
      page.put(label, page.left + page.width - page.textWidth(label, "regular", 8), footerY, "regular", 8);
    }
    if (model.frame === 0) page.put(NOTE, page.left, footerY + 11, "regular", 7);
  };
}

class Writer {
  private article = 0;
  private readonly filler: Rng;
  private readonly body: ParagraphStyle;

  constructor(
    private readonly page: PageLayout,
    private readonly m: AgreementModel,
  ) {
    this.filler = new Rng(m.fillerSeed);
    this.body = m.layout === "B" ? { align: "justify", hyphenate: true } : {};
  }

  write(): void {
    this.cover();
    this.page.newPage();
    this.parties();
    this.preamble();
    this.heading("Objet");
    this.text(
      `Le présent ${this.m.title.toLowerCase()} fixe les orientations partagées par la Région et ${this.m.designation}, et recense les engagements pris par chacune des parties pour les mettre en œuvre. Les engagements financiers y figurent à titre indicatif ; ils sont confirmés par les conventions d’application et dans la limite des crédits votés.`,
    );
    this.findings();
    this.axesList();
    if (this.m.layout === "A") this.layoutA();
    else if (this.m.layout === "B") this.layoutB();
    else this.layoutC();
    this.governance();
    // Long articles until the target length, then the closing clauses and the signatures.
    while (this.page.pages < this.m.targetPages - 1) this.fillerArticle();
    this.closing();
    this.signatures();
  }

  private text(text: string, style: ParagraphStyle = {}): void {
    this.page.paragraph(text, { ...this.body, after: 3, ...style });
  }

  private heading(title: string): void {
    this.article++;
    const n = this.article === 1 ? "1er" : String(this.article);
    this.page.paragraph(`Article ${n} – ${title}`, {
      font: "bold",
      size: this.page.size + 0.5,
      before: 8,
      after: 2,
      keepWithNext: 2,
    });
  }

  private centred(text: string, size: number, font: "regular" | "bold" | "italic" = "regular", before = 0): void {
    this.page.paragraph(text, { align: "center", size, font, before, after: 4 });
  }

  private cover(): void {
    const { m } = this;
    this.page.space(90);
    const name = m.partner.name;
    this.centred(`RÉGION HAUTS-DE-FRANCE – ${name.toLocaleUpperCase("fr")}`, 12, "bold");
    this.page.space(60);
    this.centred(m.title.toLocaleUpperCase("fr"), 20, "bold");
    this.centred(`entre la Région Hauts-de-France et ${withArticle(m.partner)}`, 14);
    this.page.space(40);
    this.centred(`« ${m.slogan} »`, 12, "italic");
    this.centred(`${m.startYear}-${m.endYear}`, 12);
    this.page.space(80);
    this.centred(
      `${NOTE}. Texte rédigé pour mesurer une chaîne de traitement ; il ne reproduit aucun accord signé et les signataires sont imaginaires.`,
      9,
    );
  }

  private parties(): void {
    const { m } = this;
    const president = m.partnerPresident.startsWith("Mme") ? "sa Présidente" : "son Président";
    this.page.paragraph(["Entre", "ENTRE LES SOUSSIGNÉS", "Les parties"][m.frame] as string, {
      font: "bold",
      align: m.frame === 1 ? "center" : "left",
      after: 4,
    });
    const regionSiren = m.printSiren ? ", SIREN 200 053 742," : "";
    this.text(
      `La Région Hauts-de-France${regionSiren} dont le siège est situé 151 avenue du Président Hoover, 59555 Lille Cedex, représentée par son Président, M. ${REGION_PRESIDENT}, ci-après dénommée « la Région »,`,
    );
    this.page.paragraph("et", { align: "center", after: 3 });
    const siren = m.printSiren ? `, SIREN ${formatSiren(m.siren)}` : "";
    this.text(
      `${capitalize(withArticle(m.partner))}, ${NATURE_PHRASE[m.partner.nature]}${siren}, dont le siège est situé à ${m.partner.seat}, représentée par ${president}, ${m.partnerPresident}, ci-après dénommée « ${m.designation} »,`,
    );
    this.page.space(6);
    for (const visa of m.visas) this.text(visa, { hang: 12, after: 1 });
    this.text("Il est convenu ce qui suit :", { before: 6 });
  }

  private preamble(): void {
    this.centred(this.m.frame === 1 ? "PRÉAMBULE" : "Préambule", this.page.size + 1, "bold", 10);
    for (const p of this.m.preamble) this.text(p);
  }

  private findings(): void {
    this.heading(this.filler.pick(["Enjeux partagés", "Diagnostic partagé", "Constats"]));
    this.text("Les parties partagent le constat suivant :");
    for (const f of this.m.findings) this.bullet("•", f);
    for (let i = this.filler.int(1, 6); i > 0; i--) this.text(this.fillerParagraph());
  }

  private bullet(marker: string, text: string): void {
    const hang = this.page.textWidth(`${marker} `);
    this.page.paragraph(`${marker} ${text}`, { ...this.body, indent: 14, hang, after: 1 });
  }

  private axesList(): void {
    const { axes, layout } = this.m;
    this.heading(layout === "A" ? "Architecture de l’accord" : "Axes stratégiques");
    if (layout === "A") {
      this.text(
        `Les engagements des parties sont regroupés en ${axes.length} axes stratégiques. Chaque engagement est identifié par un numéro et précise la ou les parties qui le portent. Les montants mentionnés sont indicatifs.`,
      );
      return;
    }
    this.text(`Le partenariat s’organise autour de ${axes.length} axes stratégiques :`);
    axes.forEach((axis, i) => {
      const end = i === axes.length - 1 ? "." : " ;";
      if (layout === "B") this.bullet(`${axis.numero}.`, `${axis.intitule}${end}`);
      else
        this.page.paragraph([{ text: `Axe ${axis.numero}`, font: "bold" }, { text: `${axis.intitule}${end}` }], {
          indent: 10,
          hang: 40,
          after: 1,
        });
    });
  }

  private sentence(c: Commitment): string {
    return `${c.action}${c.amount ? amountText(c.amount) : ""}`;
  }

  private layoutA(): void {
    this.page.paragraph("TITRE II – AXES STRATÉGIQUES ET ENGAGEMENTS", {
      align: "center",
      font: "bold",
      before: 12,
      after: 6,
      keepWithNext: 3,
    });
    const boldLabel = this.m.index % 2 === 0;
    for (const axis of this.m.axes) {
      this.page.paragraph(`Axe ${axis.numero} – ${axis.intitule}`, {
        font: "bold",
        size: this.page.size + 0.5,
        before: 10,
        after: 2,
        keepWithNext: 3,
      });
      this.text(axis.intro);
      axis.commitments.forEach((c, i) => {
        this.page.paragraph(
          [
            { text: `Engagement ${axis.numero}.${i + 1} :`, font: boldLabel ? "bold" : "regular" },
            { text: `${c.subject} ${this.sentence(c)}.` },
          ],
          { indent: 14, after: 3 },
        );
      });
    }
    this.page.paragraph("TITRE III – MISE EN ŒUVRE, SUIVI ET ÉVALUATION", {
      align: "center",
      font: "bold",
      before: 12,
      after: 4,
      keepWithNext: 3,
    });
  }

  private layoutB(): void {
    const leads: Record<Porteur, string> = {
      region: "La Région s’engage à :",
      partenaire: `${capitalize(this.m.designation)} s’engage à :`,
      conjoint: "Les parties s’engagent conjointement à :",
    };
    for (const axis of this.m.axes) {
      this.heading(`Axe ${axis.numero} : ${axis.intitule}`);
      this.text(axis.intro);
      for (const porteur of ["region", "partenaire", "conjoint"] as const) {
        const group = axis.commitments.filter((c) => c.porteur === porteur);
        if (!group.length) continue;
        this.text(leads[porteur], { before: 4, keepWithNext: 2 });
        group.forEach((c, i) => {
          this.bullet("–", `${this.sentence(c)}${i === group.length - 1 ? "." : " ;"}`);
        });
      }
    }
  }

  private layoutC(): void {
    const { m, page } = this;
    this.heading("Tableau des engagements");
    this.text(
      "Le tableau ci-dessous précise, pour chaque engagement, la partie qui le porte, le montant prévisionnel et le calendrier de réalisation. Lorsque la colonne « Porteur » mentionne les deux collectivités, l’engagement est commun.",
    );
    const partner = shortName(m.partner);
    const porteur: Record<Porteur, string> = {
      region: "Région",
      partenaire: partner,
      conjoint: `Région et ${partner}`,
    };
    const rows: { cells: string[]; span?: boolean }[] = [];
    let n = 0;
    for (const axis of m.axes) {
      rows.push({ cells: [`Axe ${axis.numero} – ${axis.intitule}`], span: true });
      for (const c of axis.commitments) {
        n++;
        const amount = c.amount
          ? printedAmount({
              ...c.amount,
              style: c.amount.style === "euros" ? "euro-sign" : c.amount.style === "millions" ? "meur" : c.amount.style,
            })
          : "–";
        rows.push({ cells: [String(n), `${capitalize(c.action)}.`, porteur[c.porteur], amount, c.calendar] });
      }
    }
    page.table(
      [
        { width: 28, align: "center" },
        { width: 207 },
        { width: 80 },
        { width: 75, align: "right" },
        { width: 65, align: "center" },
      ],
      ["N°", "Engagement", "Porteur", "Montant", "Calendrier"],
      rows,
      page.size - 0.5,
    );
  }

  private governance(): void {
    this.heading(this.m.layout === "C" ? "Gouvernance" : "Gouvernance et suivi");
    for (const g of this.m.governance) this.text(g.text);
  }

  private fillerParagraph(): string {
    const sentences = this.filler.sample(FILLER_SENTENCES, this.filler.int(3, 6));
    return sentences.join(" ").replaceAll("{partner}", this.m.designation);
  }

  private fillerArticle(): void {
    this.heading(this.filler.pick(FILLER_TITLES));
    const sections = this.filler.int(0, 5);
    if (sections < 2) {
      for (let i = this.filler.int(2, 5); i > 0; i--) this.text(this.fillerParagraph());
      return;
    }
    const titles = this.filler.sample(FILLER_SUBTITLES, sections);
    titles.forEach((title, s) => {
      this.page.paragraph(`${this.article}.${s + 1} – ${title}`, {
        font: "italic",
        before: 4,
        after: 2,
        keepWithNext: 2,
      });
      for (let i = this.filler.int(2, 4); i > 0; i--) this.text(this.fillerParagraph());
    });
  }

  private closing(): void {
    this.heading("Durée");
    this.text(this.m.durationClause);
    this.heading("Modification");
    this.text(
      "Toute modification du présent accord fait l’objet d’un avenant approuvé par les assemblées délibérantes des deux parties. Les ajustements de calendrier qui ne remettent pas en cause l’économie générale de l’accord peuvent être actés par le comité de pilotage.",
    );
    this.heading("Résiliation");
    this.text(
      "Le présent accord peut être résilié par l’une ou l’autre des parties, par lettre recommandée avec accusé de réception, moyennant un préavis de trois mois. La résiliation ne remet pas en cause les conventions d’application en cours d’exécution.",
    );
    this.heading("Règlement des litiges");
    this.text(
      "En cas de différend sur l’interprétation ou l’exécution du présent accord, les parties rechercheront une solution amiable avant toute action contentieuse. À défaut, le litige sera porté devant le tribunal administratif compétent.",
    );
  }

  private signatures(): void {
    const { m, page } = this;
    // The signatures go on their own page when they would not fit under the last article.
    page.ensure(page.lineHeight() * 10);
    const { place, date } = m.signature;
    this.text(`Fait à ${place}, le ${frenchDate(date)}, en deux exemplaires originaux.`, { before: 6 });
    page.space(14);
    const female = m.partnerPresident.startsWith("Mme");
    page.sideBySide(
      ["Pour la Région Hauts-de-France,", "Le Président du Conseil régional,", "", "", REGION_PRESIDENT],
      [
        `Pour ${withArticle(m.partner)},`,
        female ? "La Présidente," : "Le Président,",
        "",
        "",
        m.partnerPresident.replace(/^(M\.|Mme) /, ""),
      ],
    );
  }
}

function amountText(amount: Amount): string {
  return amount.lead.replace("{amount}", printedAmount(amount));
}
