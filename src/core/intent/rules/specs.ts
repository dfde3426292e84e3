/**
 * Every language's rule and cue specs, as one table. This is the module the build replaces with a
 * packed copy of the same table (scripts/lib/bundle.ts, src/core/text/pack.ts): the specs are ~100 KB
 * of regex text that only reading an email needs, and Apps Script parses the bundle on every click.
 * So the table is reached through a function, and nothing here may be anything JSON cannot carry.
 */
import type { Language } from '../types';
import type { CueSpec, RuleSpec } from './compile';
import { EN_CUES, EN_RULES } from './en';
import { KK_CUES, KK_RULES } from './kk';
import { NO_CUES, NO_RULES } from './no';
import { RU_CUES, RU_RULES } from './ru';
import { STOP_WORDS } from './stop-words';
import { TR_CUES, TR_RULES } from './tr';

/** `stopWords`: space-separated, for detectLanguage (./stop-words.ts). */
export type RuleSpecs = Record<Language, { rules: readonly RuleSpec[]; cues: CueSpec; stopWords: string }>;

export function ruleSpecs(): RuleSpecs {
  return {
    en: { rules: EN_RULES, cues: EN_CUES, stopWords: STOP_WORDS.en },
    ru: { rules: RU_RULES, cues: RU_CUES, stopWords: STOP_WORDS.ru },
    kk: { rules: KK_RULES, cues: KK_CUES, stopWords: STOP_WORDS.kk },
    tr: { rules: TR_RULES, cues: TR_CUES, stopWords: STOP_WORDS.tr },
    no: { rules: NO_RULES, cues: NO_CUES, stopWords: STOP_WORDS.no },
  };
}
