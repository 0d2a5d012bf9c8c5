/**
 * Joining lines into running text, undoing end-of-line hyphenation. A hyphen at the end of a line is
 * a real one when the document writes the compound elsewhere, the next part is capitalised
 * ("Nord-Ouest", "Pierre-Yves") or itself hyphenated ("Charles-de-Gaulle"), the first part is a
 * prefix that takes a hyphen ("sous-", "vice-"), or both parts are words of the document
 * ("santé-nutrition"); otherwise the word was cut ("dunker-quois" → "dunkerquois").
 */
import { cleanSpaces } from "./text.ts";

export interface Vocabulary {
  words: Set<string>;
  compounds: Set<string>;
}

const WORD = /[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*/gu;
const HYPHEN_END = /[-\u2010\u00ad]$/;

const HYPHEN_PREFIXES = new Set([
  "vice",
  "sous",
  "non",
  "ex",
  "demi",
  "mi",
  "semi",
  "quasi",
  "après",
  "avant",
  "arrière",
  "grand",
  "grande",
  "petit",
  "petite",
  "nord",
  "sud",
  "est",
  "ouest",
  "ci",
  "au",
  "contre",
  "porte",
  "chef",
  "état",
  "hauts",
  "haut",
  "basse",
  "bas",
  "post",
  "extra",
  "franco",
  "euro",
  "socio",
  "bien",
  "mal",
  "peut",
  "c'est",
  "vis",
  "rendez",
]);
const HYPHEN_SUFFIXES = new Set([
  "ci",
  "là",
  "même",
  "mêmes",
  "être",
  "dire",
  "il",
  "elle",
  "on",
  "ils",
  "elles",
  "t",
  "vis",
]);

const LAST_WORD = /([\p{L}'’]+)-?$/u;

/**
 * The last word of a paragraph being joined. The pattern is tried from every position of the text, so
 * it reads only the end, unless the word may run on before it (a cut surrogate pair is also caught).
 */
function lastWord(s: string): string {
  const tail = s.slice(-32);
  const m = LAST_WORD.exec(tail);
  if (m && m.index <= 1 && tail.length < s.length) return LAST_WORD.exec(s)?.[1] ?? "";
  return m?.[1] ?? "";
}

/** Words and hyphenated compounds of the document, leaving out the pieces of cut words. */
export function buildVocabulary(lines: string[]): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  // What a word adds depends on the word alone: a word seen before adds nothing new.
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    let line = raw;
    if (HYPHEN_END.test(line)) line = line.replace(/[\p{L}'’-]+$/u, "");
    if (HYPHEN_END.test(lines[i - 1] ?? "")) line = line.replace(/^[^\s]+/, "");
    for (const word of line.match(WORD) ?? []) {
      if (seen.has(word)) continue;
      seen.add(word);
      const w = word.toLowerCase().replace(/^[a-z]['’]/, "");
      if (w.includes("-")) {
        compounds.add(w);
        for (const part of w.split("-")) words.add(part);
      } else words.add(w);
    }
  });
  return { words, compounds };
}

/**
 * The vocabulary of the lines `linesOf` gives, both made on first use: it is only consulted where
 * a line ends with a hyphen, and many documents never cut a word.
 */
export function lazyVocabulary(linesOf: () => string[]): Vocabulary {
  let built: Vocabulary | null = null;
  const vocab = (): Vocabulary => {
    built ??= buildVocabulary(linesOf());
    return built;
  };
  return {
    get words() {
      return vocab().words;
    },
    get compounds() {
      return vocab().compounds;
    },
  };
}

/** True when the hyphen ending `before` (the text up to the hyphen) is part of the word. */
function keepsHyphen(before: string, after: string, vocab: Vocabulary): boolean {
  const a = lastWord(before);
  const next = /^[\p{L}'’-]+/u.exec(after)?.[0] ?? "";
  if (!a || !next) return true;
  if (/\d$/.test(before.slice(-1)) || !/^\p{L}/u.test(after)) return true;
  const b = next.split("-")[0] as string;
  const la = a.toLowerCase().replace(/^[a-z]['’]/, "");
  const lb = b.toLowerCase();
  if (vocab.compounds.has(`${la}-${lb}`)) return true;
  if (vocab.words.has(la + lb)) return false;
  if (/^\p{Lu}/u.test(b)) return true;
  if (next.includes("-")) return true;
  if (HYPHEN_PREFIXES.has(la) || HYPHEN_SUFFIXES.has(lb)) return true;
  return la.length >= 4 && lb.length >= 4 && vocab.words.has(la) && vocab.words.has(lb);
}

/** Lines of one paragraph (or table cell) as one line of text. */
export function joinLines(lines: string[], vocab: Vocabulary): string {
  let out = "";
  let softBreak = false;
  for (const raw of lines) {
    const line = cleanSpaces(raw);
    if (!line) continue;
    // Only the end of the text matters: testing all of it at each line would be quadratic.
    const end = out.slice(-3);
    if (!out) out = line;
    else if (softBreak || (/\d[-\u2010]$/.test(end) && /^\d/.test(line))) out += line;
    else if (/\p{L}[-\u2010]$/u.test(end)) {
      const before = out.slice(0, -1);
      out = keepsHyphen(before, line, vocab) ? `${before}-${line}` : before + line;
    } else out = `${out} ${line}`;
    // A soft hyphen is only printed where the word was cut.
    softBreak = /\u00ad\s*$/.test(raw);
  }
  return out;
}
