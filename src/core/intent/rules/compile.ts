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
 *   " _ " up to 30 characters of the same sentence between two words ("cancel _ subscription"
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
}

export interface Rule {
  intent: IntentId;
  weight: number;
  language: Language;
  negative: boolean;
  re: RegExp;
  vetoBefore: RegExp | null;
  vetoAfter: RegExp | null;
}

const GAP = '(?: [^.!?\\n]{0,30}?)? ';
const LONG_GAP = '(?: [^.!?\\n]{0,60}?)? ';
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

/** Expands the shorthands and folds the letters; the result has no boundaries. */
export function expand(pattern: string): string {
  const folded = foldPattern(pattern)
    .replace(/ __ /g, LONG_GAP)
    .replace(/ _ /g, GAP)
    .replace(/%/g, '(?<v>\\p{L}*)')
    .replace(/~/g, '\\p{L}*');
  if ((folded.match(/\(\?<v>/g) ?? []).length > 1) throw new Error(`more than one % in ${pattern}`);
  return folded;
}

/**
 * A whole-word search pattern. The start boundary is checked by the caller rather than with a
 * lookbehind, so V8 can still scan quickly for the pattern's first letters.
 */
export function compileSearch(pattern: string): RegExp {
  return new RegExp(`(?:${expand(pattern)})${END}`, 'gu');
}

/** A whole-word test pattern for short context windows. */
export function compileCue(pattern: string): RegExp {
  return new RegExp(`${START}(?:${expand(pattern)})${END}`, 'u');
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
}

export interface Cues {
  negators: RegExp;
  negatedBy: RegExp | null;
  negativeTail: RegExp | null;
  hedges: RegExp;
  hedgeTail: RegExp | null;
  conditions: RegExp;
  conditionsAfter: RegExp;
  polite: RegExp | null;
  contrast: RegExp;
}

export function compileCues(spec: CueSpec): Cues {
  const anchored = (p: string | undefined) => (p ? new RegExp(`^(?:${expand(p)})`, 'u') : null);
  return {
    negators: compileCue(spec.negators),
    negatedBy: spec.negatedBy ? compileCue(spec.negatedBy) : null,
    negativeTail: anchored(spec.negativeTail),
    hedges: compileCue(spec.hedges),
    hedgeTail: anchored(spec.hedgeTail),
    conditions: compileCue(spec.conditions),
    conditionsAfter: compileCue(spec.conditionsAfter),
    polite: spec.polite ? new RegExp(`${START}(?:${expand(spec.polite)})${END}`, 'gu') : null,
    contrast: new RegExp(`[,;:()"]|${START}(?:${expand(spec.contrast)})${END}`, 'gu'),
  };
}
