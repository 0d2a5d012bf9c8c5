/**
 * What one generated agreement says, before any layout: parties, dates, axes and commitments.
 * Everything is drawn from a generator seeded by (corpus seed, document index), so document i is
 * the same whatever the corpus size.
 */
import {
  type AmountStyle,
  amountStylesFor,
  capitalize,
  type Day,
  formatAmount,
  frenchDate,
  lastDayOfMonth,
  numberWords,
} from "./french.ts";
import { Rng } from "./random.ts";
import {
  AMOUNT_LEADS,
  COMPLEMENTS,
  designation,
  EPCIS,
  type Epci,
  FINDINGS,
  FIRST_NAMES,
  GOVERNANCE,
  GOVERNANCE_TEXT,
  LAST_NAMES,
  NOT_AMOUNTS,
  PREAMBLE,
  PREAMBLE_TRAP,
  SLOGANS,
  THEMES,
  TITLES,
  VERBS,
  VISAS,
  withArticle,
} from "./words.ts";

/** A: "Axe N – …" + "Engagement N.M : …"; B: "La Région s’engage à :" + bullets; C: a commitments table. */
export type LayoutKind = "A" | "B" | "C";
export type Porteur = "region" | "partenaire" | "conjoint";

export interface Amount {
  value: number;
  style: AmountStyle;
  /** How the sentence introduces it: ", à hauteur de {amount}". */
  lead: string;
}

export interface Commitment {
  porteur: Porteur;
  /** Infinitive phrase without amount nor final punctuation: "soutenir la création …". */
  action: string;
  amount: Amount | null;
  /** Subject in layout A: "La Région s’engage à". */
  subject: string;
  /** Column "Calendrier" of layout C. */
  calendar: string;
}

export interface AxisModel {
  numero: string;
  intitule: string;
  intro: string;
  commitments: Commitment[];
}

export interface AgreementModel {
  index: number;
  fileName: string;
  layout: LayoutKind;
  family: "Helvetica" | "Times";
  /** Which running header/footer style. */
  frame: 0 | 1 | 2;
  title: string;
  slogan: string;
  partner: Epci;
  /** "la Métropole", "Amiens Métropole" … */
  designation: string;
  siren: string;
  printSiren: boolean;
  partnerPresident: string;
  startYear: number;
  endYear: number;
  signature: { place: string; date: Day };
  durationClause: string;
  visas: string[];
  preamble: string[];
  findings: string[];
  axes: AxisModel[];
  /** Governance paragraphs: sentences with "s’engage(nt) à" are commitments, the others are not. */
  governance: { text: string; commitment: boolean }[];
  targetPages: number;
  /** Seed of the filler articles (their own stream, so that changing an amount moves nothing else). */
  fillerSeed: number;
}

/** Luhn-valid 9-digit number shaped like an intercommunality's SIREN (invented). */
function fakeSiren(rng: Rng): string {
  const prefix = rng.chance(0.5)
    ? `200${rng.int(0, 99).toString().padStart(2, "0")}`
    : `24${rng.pick(["02", "59", "60", "62", "80"])}`;
  let body = prefix;
  while (body.length < 8) body += String(rng.int(0, 9));
  for (let check = 0; check <= 9; check++) {
    const candidate = body + check;
    const sum = [...candidate]
      .reverse()
      .map((d, i) => (i % 2 ? Number(d) * 2 : Number(d)))
      .reduce((s, n) => s + (n > 9 ? n - 9 : n), 0);
    if (sum % 10 === 0) return candidate;
  }
  return `${body}0`;
}

function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’']/g, "-")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function randomAmount(rng: Rng): Omit<Amount, "lead"> {
  const value = rng.chance(0.5) ? rng.int(2, 60) * 100_000 : rng.int(5, 95) * 10_000;
  return { value, style: rng.pick(amountStylesFor(value)) };
}

function president(rng: Rng): string {
  const civility = rng.pick(["M.", "Mme"] as const);
  return `${civility} ${rng.pick(FIRST_NAMES[civility])} ${rng.pick(LAST_NAMES)}`;
}

/** French contractions after joining a verb and an object: "à le" → "au", "de une" → "d’une". */
function contract(text: string): string {
  return text
    .replace(/\bà le\b/g, "au")
    .replace(/\bà les\b/g, "aux")
    .replace(/\bde le\b/g, "du")
    .replace(/\bde les\b/g, "des")
    .replace(/\bde (une?)\b/g, "d’$1");
}

function subjectFor(porteur: Porteur, partnerDesignation: string, rng: Rng): string {
  if (porteur === "region") return "La Région s’engage à";
  if (porteur === "partenaire") return `${capitalize(partnerDesignation)} s’engage à`;
  return rng.pick(["Les parties s’engagent à", `La Région et ${partnerDesignation} s’engagent à`]);
}

function commitment(rng: Rng, objects: string[], partnerDesignation: string, year: number): Commitment {
  const porteur: Porteur = rng.pick(["region", "region", "partenaire", "partenaire", "conjoint"]);
  const object = rng.pick(objects);
  // "développer le développement …", "accompagner un dispositif d’accompagnement …": another verb.
  const verbs = VERBS.filter((v) => !object.includes(v.slice(0, 6)));
  let action = contract(`${rng.pick(verbs)} ${object}`);
  if (rng.chance(0.6)) action += ` ${rng.pick(COMPLEMENTS).replace("{year}", String(year + rng.int(1, 3)))}`;
  if (rng.chance(0.12)) action += rng.pick(NOT_AMOUNTS);
  const amount =
    porteur !== "conjoint" && rng.chance(0.5) ? { ...randomAmount(rng), lead: rng.pick(AMOUNT_LEADS) } : null;
  const from = year + rng.int(0, 2);
  const calendar = rng.pick([`${from}-${from + rng.int(1, 4)}`, `dès ${from}`, "annuel", String(from)]);
  return { porteur, action, amount, subject: subjectFor(porteur, partnerDesignation, rng), calendar };
}

/** The agreement number `index` (0-based) of the corpus generated from `seed`. */
export function agreementModel(seed: number, index: number): AgreementModel {
  const rng = Rng.derive(seed, "agreement", index);
  const partner = EPCIS[index % EPCIS.length] as Epci;
  const layout: LayoutKind = (["A", "B", "C"] as const)[index % 3] as LayoutKind;
  const partnerDesignation = designation(partner);
  const signYear = rng.int(2019, 2024);
  const signMonth = rng.int(1, 12);
  const signature = {
    place: rng.chance(0.7) ? partner.seat : "Lille",
    date: { year: signYear, month: signMonth, day: rng.int(1, 28) },
  };
  const startMonth = signMonth === 12 ? 1 : signMonth + 1;
  const startYear = signMonth === 12 ? signYear + 1 : signYear;
  const endYear = startYear + rng.int(3, 6);
  const start: Day = { year: startYear, month: startMonth, day: 1 };
  const end: Day = { year: endYear, month: 12, day: lastDayOfMonth(endYear, 12) };
  const months = (endYear - startYear) * 12 + (12 - startMonth) + 1;
  const durationClause = rng.pick([
    `Le présent accord-cadre prend effet le ${frenchDate(start)}. Il est conclu jusqu’au ${frenchDate(end)}, soit pour une durée de ${numberWords(months)} (${months}) mois.`,
    `Le présent accord-cadre s’applique du ${frenchDate(start)} au ${frenchDate(end)}.`,
    `Le présent accord-cadre prend effet à la date de sa signature et s’achève le ${frenchDate(end)}.`,
  ]);

  const axisCount = rng.int(2, 5);
  const governanceCount = rng.int(1, 3);
  const total = rng.int(10, 40) - governanceCount;
  const themes = rng.sample(THEMES, axisCount);
  const perAxis = themes.map(() => 2);
  for (let left = total - 2 * axisCount; left > 0; left--) {
    const i = rng.int(0, axisCount - 1);
    perAxis[i] = (perAxis[i] as number) + 1;
  }
  const axes = themes.map((theme, a): AxisModel => {
    const commitments = Array.from({ length: perAxis[a] as number }, () =>
      commitment(rng, theme.objects, partnerDesignation, startYear),
    );
    // Layout B lists the Region's commitments first, then the partner's, then the joint ones.
    if (layout === "B") {
      const order: Porteur[] = ["region", "partenaire", "conjoint"];
      commitments.sort((x, y) => order.indexOf(x.porteur) - order.indexOf(y.porteur));
    }
    return { numero: String(a + 1), intitule: theme.axis, intro: theme.intro, commitments };
  });

  const fill = (s: string) =>
    s
      .replaceAll("{Partner}", capitalize(partnerDesignation))
      .replaceAll("{partner}", partnerDesignation)
      .replaceAll("{both}", `La Région et ${partnerDesignation}`)
      .replaceAll("{mid}", String(startYear + 2));
  const governance = [
    ...GOVERNANCE_TEXT.map((text) => ({ text: text.replace("{partner}", withArticle(partner)), commitment: false })),
    ...rng.sample(GOVERNANCE, governanceCount).map((text) => ({ text: fill(text), commitment: true })),
  ];
  const deliberation = { year: signYear, month: Math.max(1, signMonth - 1), day: rng.int(1, 28) };
  const visas = [
    ...rng.sample(VISAS.slice(0, 7), rng.int(3, 6)),
    ...VISAS.slice(7, 9),
    ...(rng.chance(0.4) ? [VISAS[9] as string] : []),
  ].map((v) =>
    v
      .replace("{delib}", `${signYear}${String(rng.int(100, 9999)).padStart(4, "0")}`)
      .replace("{dateRegion}", frenchDate(deliberation))
      .replace("{datePartner}", frenchDate({ ...deliberation, day: Math.min(28, deliberation.day + 2) }))
      .replace("{dateProject}", frenchDate({ year: signYear - 1, month: rng.int(1, 12), day: rng.int(1, 28) })),
  );
  const preamble = rng.sample(PREAMBLE, rng.int(2, 4)).map(fill);
  if (rng.chance(0.35)) preamble.splice(1, 0, fill(PREAMBLE_TRAP));

  return {
    index,
    fileName: `ACPT-${String(index + 1).padStart(4, "0")}-${asciiSlug(partner.name)}.pdf`,
    layout,
    family: layout === "B" ? "Times" : rng.pick(["Helvetica", "Times"] as const),
    frame: rng.pick([0, 1, 2] as const),
    title: rng.pick(TITLES),
    slogan: rng.pick(SLOGANS),
    partner,
    designation: partnerDesignation,
    siren: fakeSiren(rng),
    printSiren: rng.chance(0.5),
    partnerPresident: president(rng),
    startYear,
    endYear,
    signature,
    durationClause,
    visas,
    preamble,
    findings: rng.sample(FINDINGS, rng.int(3, 5)),
    axes,
    governance,
    targetPages: rng.int(5, 40),
    fillerSeed: Rng.derive(seed, "filler", index).int(0, 2 ** 31),
  };
}

/** The same agreement with one amount changed: what a corrected re-publication looks like. */
export function withChangedAmount(model: AgreementModel): AgreementModel {
  const axes = structuredClone(model.axes);
  const target = axes.flatMap((a) => a.commitments).find((c) => c.amount) ?? axes[0]?.commitments[0];
  if (target) {
    target.amount = target.amount
      ? { ...target.amount, value: target.amount.value + 100_000, style: "euro-sign" }
      : { value: 100_000, style: "euro-sign", lead: ", pour un montant de {amount}" };
  }
  return { ...model, axes };
}

/** Commitments the document states (axis items and governance undertakings). */
export function commitmentCount(model: AgreementModel): number {
  return model.axes.reduce((n, a) => n + a.commitments.length, 0) + model.governance.filter((g) => g.commitment).length;
}

export function printedAmount(amount: Amount): string {
  return formatAmount(amount.value, amount.style);
}
