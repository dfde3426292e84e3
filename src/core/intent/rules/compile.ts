/**
 * The phrase-pattern notation the language files use, and its compilation to RegExps.
 *
 * A pattern is a regular expression over folded text (see ../fold.ts) written in each language's
 * natural spelling ("şikâyet", "қымбат", "misfornøyd"); its letters are folded at compile time, so
 * patterns and email meet in the same form. Three shorthands keep patterns readable:
 *
 *   ~     the rest of a word: "cancel~" matches cancel, cancels, cancelled, cancellation
 *   %     the rest of a verb, captured so negation and hedge suffixes can be checked in it
 *         (Turkish "iptal et%" sees "-miyoruz" in "iptal etmiyoruz"); at most one per pattern
 *   @     a product name ("Salesforce", "amoCRM", "Контур.Отель"); the match counts only when the
 *         name has a capital letter as the customer typed it, or carries a Turkish apostrophe or
 *         Kazakh hyphen suffix ("HubSpot'a", "Bnovo-ға"), which only proper names take
 *   " _ " up to 30 characters of the same clause (no . ! ? , ; :) between two words ("cancel _ subscription"
 *         matches "cancel our team subscription"); " __ " allows 60
 *
 * Every pattern must start at a word start and end at a word end. Quantifiers are never nested over
 * unbounded runs: a gap is one bounded character class, a word tail one \p{L}*, so matching stays
 * linear in the length of the email.
 */
import { foldPattern } from '../fold';
import type { IntentId, Language } from '../types';

export interface RuleSpec {
  intent: IntentId;
  /** Confidence when the phrase is found plainly stated: 0.9 unambiguous … 0.35 a weak hint. */
  weight: number;
  pattern: string;
  /** The pattern already says "not" ("will not renew", "memnun değiliz"): skip the negation check. */
  negative?: boolean;
  /** Drop the match when this occurs in the same clause just before it ("toplantıyı iptal"). */
  vetoBefore?: string;
  /** Drop the match when this occurs in it or just after it ("cancel the meeting"). */
  vetoAfter?: string;
  /**
   * The phrase reports news ("prices go up"): drop it in a question or beside hearsay ("we heard
   * prices go up, is it true?"), where it is a question, not a concern.
   */
  news?: boolean;
  /**
   * The phrase is about the customer's own relationship (complaining, paying in instalments): drop
   * it when a third party (their guest, client, reviewer) is the subject of the sentence.
   */
  firstParty?: boolean;
}

export interface Rule {
  intent: IntentId;
  weight: number;
  language: Language;
  negative: boolean;
  re: RegExp;
  vetoBefore: RegExp | null;
  vetoAfter: RegExp | null;
  news: boolean;
  firstParty: boolean;
  /** The pattern names a product (`@`): the name must be written as a proper name. */
  entity: boolean;
}

/**
 * What counts as a letter in folded text. Folding leaves Latin as a-z (plus the few letters with no
 * decomposition) and Cyrillic in its basic block; Greek is listed so a Greek word is still a word.
 * An explicit class instead of \p{L}: V8 builds the \p{L} table for every regex that uses it, which
 * made compiling the ~400 patterns take 200 ms, a cost Apps Script would pay on every cold start.
 */
const LETTER_RANGES = 'a-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u052f';

/** Replaces \p{L} and \p{N} with explicit ranges, inside or outside a character class. */
export function withoutPropertyEscapes(source: string): string {
  const parts: string[] = [];
  let copied = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 92 /* \\ */) {
      const escape = source.slice(i, i + 5);
      if (escape === '\\p{L}' || escape === '\\p{N}') {
        const ranges = escape === '\\p{L}' ? LETTER_RANGES : '0-9';
        parts.push(source.slice(copied, i), inClass ? ranges : `[${ranges}]`);
        copied = i + 5;
      }
      i++;
    } else if (ch === 91 /* [ */) inClass = true;
    else if (ch === 93 /* ] */) inClass = false;
  }
  parts.push(source.slice(copied));
  return parts.join('');
}

/**
 * Proper-name tokens: a word with optional ".Word" or digits ("Контур.Отель", "Битрикс24"). Bounded,
 * because a pattern may start with a name: an unbounded one would make a 50,000-letter "word" cost
 * quadratic time, one full scan per start position.
 */
const NAME = '(?<e>\\p{L}[\\p{L}\\p{N}]{0,30}(?:[.+][\\p{L}\\p{N}]{1,20})?)';
const GAP = '(?: [^.!?\\n,;:]{0,30}?)?? ';
const LONG_GAP = '(?: [^.!?\\n,;:]{0,60}?)?? ';
const START = withoutPropertyEscapes('(?<![\\p{L}\\p{N}])');
const END = withoutPropertyEscapes('(?![\\p{L}\\p{N}])');

/** Expands the shorthands and folds the letters; the result has no boundaries. */
export function expand(pattern: string): string {
  const folded = foldPattern(pattern)
    .replace(/ __ /g, LONG_GAP)
    .replace(/ _ /g, GAP)
    .replace(/%/g, '(?<v>\\p{L}*)')
    .replace(/@/g, NAME)
    .replace(/~/g, '\\p{L}*');
  if ((folded.match(/\(\?<v>/g) ?? []).length > 1) throw new Error(`more than one % in ${pattern}`);
  if ((folded.match(/\(\?<e>/g) ?? []).length > 1) throw new Error(`more than one @ in ${pattern}`);
  return withoutPropertyEscapes(folded);
}

/**
 * A whole-word search pattern. The start boundary is checked by the caller rather than with a
 * lookbehind, so V8 can still scan quickly for the pattern's first letters.
 */
export function compileSearch(pattern: string): RegExp {
  return new RegExp(`(?:${expand(pattern)})${END}`, 'g');
}

/** A whole-word test pattern for short context windows. */
export function compileCue(pattern: string): RegExp {
  return new RegExp(`${START}(?:${expand(pattern)})${END}`);
}

export function compileRules(language: Language, specs: readonly RuleSpec[]): Rule[] {
  return specs.map((s) => ({
    intent: s.intent,
    weight: s.weight,
    language,
    negative: s.negative ?? false,
    re: compileSearch(s.pattern),
    vetoBefore: s.vetoBefore ? compileCue(s.vetoBefore) : null,
    vetoAfter: s.vetoAfter ? compileCue(s.vetoAfter) : null,
    news: s.news ?? false,
    firstParty: s.firstParty ?? false,
    entity: s.pattern.includes('@'),
  }));
}

/** The words that qualify a phrase in one language: negation, hedges, conditions, contrast. */
export interface CueSpec {
  /** Negators in the clause just before the phrase ("do not want to", "не", "ikke"). */
  negators: string;
  /** Negation just after the phrase ("… is not an option", "… istemiyoruz", "… келмейді"). */
  negatedBy?: string;
  /** Negative suffixes at the start of a `%` verb tail (Turkish "-mi(yor)", Kazakh "-пай"). */
  negativeTail?: string;
  /** Hedges anywhere in the sentence up to and including the phrase ("might", "возможно"). */
  hedges: string;
  /** Hedges just after the phrase, where verb-final languages put them ("… düşünüyoruz", "… мүмкін"). */
  hedgesAfter?: string;
  /** Hedging suffixes at the start of a `%` verb tail (Turkish "-ebil-"). */
  hedgeTail?: string;
  /** Conditions in the sentence before the phrase ("if", "если", "eğer", "hvis", "егер"). */
  conditions: string;
  /** Conditions in the sentence after the phrase ("unless", "если", "med mindre"). */
  conditionsAfter: string;
  /** Conditional-looking politeness that is not a condition ("if possible", "по возможности"). */
  polite?: string;
  /** Words that end a negation's reach ("but", "но", "ama", "men", "бірақ"). */
  contrast: string;
  /**
   * A negated verb form, matched at the end of a word: the phrase's own last word or one of the two
   * words after it ("тарифті төмендетпейміз", "iptal etmeyi düşünmüyoruz"), where agglutinative
   * languages put the negation. A whole word must be anchored with ^ ("^жоқ~"), or "немесе" would
   * end in "емес".
   */
  negativeWord?: string;
  /** A conditional verb form at the end of a word, checked the same way ("iptal edersek", "ауыссақ"). */
  conditionalWord?: string;
  /** Hearsay and checking questions ("we heard", "is it true", "говорят", "duyduk", "stemmer det"). */
  hearsay: string;
  /** Third parties who may be the sentence's subject: guests, clients, reviewers. */
  thirdParty: string;
  /** Product names that are not competitors: plan names, months, weekdays. */
  notProducts?: string;
}

export interface Cues {
  negators: RegExp;
  negatedBy: RegExp | null;
  negativeTail: RegExp | null;
  hedges: RegExp;
  hedgesAfter: RegExp | null;
  hedgeTail: RegExp | null;
  conditions: RegExp;
  conditionsAfter: RegExp;
  polite: RegExp | null;
  /** Clause breaks: punctuation or a contrast word. */
  contrast: RegExp;
  /** Contrast words alone (a comma does not end a condition: "we will cancel, unless …"). */
  contrastWords: RegExp;
  negativeWord: RegExp | null;
  conditionalWord: RegExp | null;
  hearsay: RegExp;
  thirdParty: RegExp;
  notProducts: RegExp | null;
}

export function compileCues(spec: CueSpec): Cues {
  const anchored = (p: string | undefined) => (p ? new RegExp(`^(?:${expand(p)})`) : null);
  const wordEnd = (p: string | undefined) => (p ? new RegExp(`(?:${expand(p)})$`) : null);
  return {
    negators: compileCue(spec.negators),
    negatedBy: spec.negatedBy ? compileCue(spec.negatedBy) : null,
    negativeTail: anchored(spec.negativeTail),
    hedges: compileCue(spec.hedges),
    hedgesAfter: spec.hedgesAfter ? compileCue(spec.hedgesAfter) : null,
    hedgeTail: anchored(spec.hedgeTail),
    conditions: compileCue(spec.conditions),
    conditionsAfter: compileCue(spec.conditionsAfter),
    polite: spec.polite ? new RegExp(`${START}(?:${expand(spec.polite)})${END}`, 'g') : null,
    contrast: new RegExp(`[,;:()"]|${START}(?:${expand(spec.contrast)})${END}`, 'g'),
    contrastWords: new RegExp(`${START}(?:${expand(spec.contrast)})${END}`, 'g'),
    negativeWord: wordEnd(spec.negativeWord),
    conditionalWord: wordEnd(spec.conditionalWord),
    hearsay: compileCue(spec.hearsay),
    thirdParty: compileCue(spec.thirdParty),
    notProducts: spec.notProducts ? new RegExp(`^(?:${expand(spec.notProducts)})$`) : null,
  };
}
