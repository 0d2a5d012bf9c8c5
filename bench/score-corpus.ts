/**
 * Scores the extract stage on the generated corpus (a dev script, not a test): writes the gold of
 * every generated agreement from its model, in the format of shared/corpus/GOLD-FORMAT.md, runs
 * `extractAgreement` on the PDFs, writes accords.json / engagements.json and runs the shared scorer,
 * for the whole corpus and for each layout.
 *
 *   npx tsx bench/score-corpus.ts [--count 30] [--seed 2040] [--out .cache/bench/score-30] [--details]
 *
 * The model says what each agreement states; what it does not say is derived here:
 * - the page where each commitment starts: found in the PDF's text layer (read with pdfjs, running
 *   header and footer left out) by the first letters of what the commitment's first line prints;
 * - the partner's official name, and its SIREN when none is printed: public knowledge, i.e. the
 *   reference table of the extractor (whose rows cite their public source); else the printed name and
 *   no SIREN;
 * - the validity period: from the form of the duration clause the model chose (a start "at the date
 *   of signature" is the printed signature date; a duration is only annotated where it is written).
 */
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { EXTRACTOR_VERSION, extractAgreement } from "../pipeline/extract/index.ts";
import { findPartner } from "../pipeline/extract/partners.ts";
import { openWithPdfJs } from "../pipeline/extract/pdfjs.ts";
import { capitalize, isoDate, lastDayOfMonth } from "./corpus/french.ts";
import { type AgreementModel, agreementModel, type Commitment, printedAmount } from "./corpus/model.ts";
import { withArticle } from "./corpus/words.ts";
import { CACHE_ROOT, DEFAULT_SEED, ensureCorpus } from "./generate-corpus.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The real path: the scorer only runs when started by the path it sees for itself.
const SCORER = realpathSync(path.resolve(ROOT, "..", "shared", "tools", "score-extraction.mjs"));

interface GoldCommitment {
  numero_axe: string | null;
  numero_engagement: string | null;
  porteur: "region" | "partenaire" | "conjoint";
  texte: string;
  montant_euros: number | null;
  page: number;
}

interface Gold {
  file: string;
  expect: "agreement";
  layout: string;
  agreement: Record<string, unknown>;
  engagements: GoldCommitment[];
}

// ------------------------------------------------------------------ pages of the PDF

/** Letters and digits only, lower case, no accents: how a line's start is looked up in the text layer. */
const key = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/** The body text of the document as one key string, with the offset where each page starts. */
async function bodyText(bytes: Uint8Array): Promise<{ text: string; pageStarts: number[] }> {
  const doc = await openWithPdfJs(bytes).promise;
  let text = "";
  const pageStarts: number[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.getViewport({ scale: 1 }).height;
    pageStarts.push(text.length);
    for (const it of (await page.getTextContent()).items) {
      if (!("str" in it)) continue;
      // pdfjs gives the baseline from the bottom: the running header and footer sit in the outer 60 pt.
      const baseline = height - (it.transform[5] as number);
      if (baseline > 60 && baseline < height - 60) text += key(it.str);
    }
  }
  await doc.destroy();
  return { text, pageStarts };
}

/**
 * What a commitment prints first, and how many of its letters to look up: enough to tell it from the
 * sentences around it, no more than a table cell's first line (the other cells of the row are drawn
 * between two lines of a cell).
 */
interface Start {
  text: string;
  letters: number;
}

/** Pages where each commitment starts, in document order. */
function startPages(body: { text: string; pageStarts: number[] }, starts: Start[], file: string): number[] {
  let from = 0;
  return starts.map(({ text: line, letters }) => {
    const k = key(line).slice(0, letters);
    const at = body.text.indexOf(k, from);
    if (at < 0) throw new Error(`${file}: "${line.slice(0, 40)}…" not found in the text layer`);
    from = at + k.length;
    return body.pageStarts.filter((s) => s <= at).length;
  });
}

// ------------------------------------------------------------------ gold from the model

const amountOf = (c: Commitment): number | null => c.amount?.value ?? null;
const sentence = (c: Commitment): string =>
  `${c.action}${c.amount ? c.amount.lead.replace("{amount}", printedAmount(c.amount)) : ""}`;

/** Who a governance sentence binds, from its subject (the generator's governance templates). */
function governancePorteur(text: string): GoldCommitment["porteur"] {
  if (/^Les parties\b|^La Région et\b/u.test(text)) return "conjoint";
  if (/^La Région s’engage/u.test(text)) return "region";
  return "partenaire";
}

/** Validity as the duration clause states it. */
function period(m: AgreementModel): Record<string, unknown> {
  const { date } = m.signature;
  // The model does not keep its start date: the first day of the month after the signature (model.ts).
  const start = {
    year: date.month === 12 ? date.year + 1 : date.year,
    month: date.month === 12 ? 1 : date.month + 1,
    day: 1,
  };
  const end = isoDate({ year: m.endYear, month: 12, day: lastDayOfMonth(m.endYear, 12) });
  const clause = m.durationClause;
  if (/soit pour une durée de/u.test(clause)) {
    const months = Number(/\((\d+)\) mois/u.exec(clause)?.[1]);
    return { date_debut: isoDate(start), date_fin: end, duree_mois: months };
  }
  if (/s’applique du/u.test(clause)) return { date_debut: isoDate(start), date_fin: end, duree_mois: null };
  // "prend effet à la date de sa signature et s’achève le …": the signature date is printed.
  return { date_debut: isoDate(date), date_fin: end, duree_mois: null };
}

/** The commitments the agreement prints, in document order, each with what its first line prints. */
function commitmentsOf(m: AgreementModel): { rows: Omit<GoldCommitment, "page">[]; firstLines: Start[] } {
  const rows: Omit<GoldCommitment, "page">[] = [];
  const firstLines: Start[] = [];
  let n = 0;
  for (const axis of m.axes) {
    axis.commitments.forEach((c, i) => {
      n++;
      const base = { numero_axe: axis.numero, porteur: c.porteur, montant_euros: amountOf(c) };
      if (m.layout === "A") {
        const numero = `${axis.numero}.${i + 1}`;
        rows.push({ ...base, numero_engagement: numero, texte: `${c.subject} ${sentence(c)}.` });
        firstLines.push({ text: `Engagement ${numero} : ${c.subject} ${c.action}`, letters: 60 });
      } else if (m.layout === "B") {
        const group = axis.commitments.filter((x) => x.porteur === c.porteur);
        const last = group[group.length - 1] === c;
        rows.push({ ...base, numero_engagement: null, texte: `${sentence(c)}${last ? "." : " ;"}` });
        firstLines.push({ text: c.action, letters: 40 });
      } else {
        rows.push({ ...base, numero_engagement: String(n), texte: `${capitalize(c.action)}.` });
        firstLines.push({ text: `${n} ${c.action}`, letters: 24 });
      }
    });
  }
  for (const g of m.governance.filter((x) => x.commitment)) {
    rows.push({
      numero_axe: null,
      numero_engagement: null,
      porteur: governancePorteur(g.text),
      texte: g.text,
      montant_euros: null,
    });
    firstLines.push({ text: g.text, letters: 60 });
  }
  return { rows, firstLines };
}

/** The gold of one generated agreement; `pageOf` finds where each commitment starts in the PDF. */
function goldOf(m: AgreementModel, pages: number, pageOf: (starts: Start[]) => number[]): Gold {
  const { rows, firstLines } = commitmentsOf(m);
  const starts = pageOf(firstLines);
  const known = findPartner(m.partner.name);
  const gold: Gold = {
    file: m.fileName,
    expect: "agreement",
    layout: m.layout,
    agreement: {
      titre: `${m.title} entre la Région Hauts-de-France et ${withArticle(m.partner)}`,
      nom_partenaire: known?.nom ?? m.partner.name,
      siren_partenaire: m.printSiren ? m.siren : (known?.siren ?? null),
      nature_partenaire: m.partner.nature,
      date_signature: isoDate(m.signature.date),
      lieu_signature: m.signature.place,
      ...period(m),
      axes: m.axes.map((a) => ({ numero: a.numero, intitule: a.intitule })),
      nombre_pages: pages,
    },
    engagements: rows.map((r, k) => ({ ...r, page: starts[k] as number })),
  };
  return gold;
}

// ------------------------------------------------------------------ run

function score(goldDir: string, out: string, details: boolean): string {
  const args = [SCORER, "--gold", goldDir, "--accords", path.join(out, "accords.json")];
  args.push("--engagements", path.join(out, "engagements.json"));
  if (details) args.push("--details");
  const run = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (run.status !== 0 || !/extraction F1=/.test(run.stdout)) throw new Error(`scorer failed: ${run.stderr}`);
  return run.stdout;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "30" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      out: { type: "string" },
      details: { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  const name = seed === DEFAULT_SEED ? `score-${count}` : `score-${count}-seed-${seed}`;
  const out = path.resolve(values.out ?? path.join(CACHE_ROOT, name));
  const corpus = await ensureCorpus({ count, seed, log: (l) => process.stderr.write(`${l}\n`) });
  const accords: Record<string, unknown>[] = [];
  const engagements: Record<string, unknown>[] = [];
  const byLayout = new Map<string, Gold[]>();
  for (const [i, d] of corpus.documents.entries()) {
    const model = agreementModel(seed, i);
    const bytes = new Uint8Array(await readFile(path.join(corpus.pdfDir, d.fileName)));
    const body = await bodyText(bytes);
    const gold = goldOf(model, d.pages, (starts) => startPages(body, starts, d.fileName));
    byLayout.set(model.layout, [...(byLayout.get(model.layout) ?? []), gold]);

    const result = await extractAgreement(bytes, { fileName: d.fileName, maxPages: 500 });
    if (!result.ok) {
      process.stderr.write(`${d.fileName}: rejected (${result.code}) ${result.error.message}\n`);
      continue;
    }
    const { engagements: found, ...agreement } = result.agreement;
    const id = `doc-${i + 1}`;
    accords.push({ id_accord: id, nom_fichier: d.fileName, ...agreement, nombre_engagements: found.length });
    for (const [k, e] of found.entries()) engagements.push({ id_engagement: `${id}-${k + 1}`, id_accord: id, ...e });
  }
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "accords.json"), `${JSON.stringify(accords, null, 2)}\n`);
  await writeFile(path.join(out, "engagements.json"), `${JSON.stringify(engagements, null, 2)}\n`);
  const summary: string[] = [`extractor ${EXTRACTOR_VERSION}, ${corpus.documents.length} documents, seed ${seed}`];
  byLayout.set("all", [...byLayout.values()].flat());
  for (const layout of [...byLayout.keys()].sort()) {
    const dir = path.join(out, `gold-${layout}`);
    await mkdir(dir, { recursive: true });
    for (const g of byLayout.get(layout) ?? [])
      await writeFile(path.join(dir, g.file.replace(/\.pdf$/, ".json")), `${JSON.stringify(g, null, 2)}\n`);
    const report = score(dir, out, values.details);
    await writeFile(path.join(out, `score-${layout}.txt`), report);
    summary.push(`${layout === "all" ? "all layouts" : `layout ${layout}`}: ${report.trim().split("\n").pop()}`);
    const total = report.split("\n").find((l) => l.startsWith("TOTAL"));
    if (total) summary.push(`  ${total}`);
  }
  summary.push(`details: ${path.relative(process.cwd(), out)}/score-<layout>.txt`);
  process.stdout.write(`${summary.join("\n")}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
