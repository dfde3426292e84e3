/**
 * Every language's rules and cues, compiled once on first use (Apps Script loads the whole bundle on
 * each call, so compiling at load time would tax calls that never read an email).
 */
import type { Language } from '../types';
import { compileCues, compileRules, type Cues, type Rule } from './compile';
import { EN_CUES, EN_RULES } from './en';
import { KK_CUES, KK_RULES } from './kk';
import { NO_CUES, NO_RULES } from './no';
import { RU_CUES, RU_RULES } from './ru';
import { TR_CUES, TR_RULES } from './tr';

export interface RuleSet {
  rules: Rule[];
  cues: Record<Language, Cues>;
}

let compiled: RuleSet | null = null;

export function ruleSet(): RuleSet {
  if (!compiled) {
    compiled = {
      rules: [
        ...compileRules('en', EN_RULES),
        ...compileRules('ru', RU_RULES),
        ...compileRules('kk', KK_RULES),
        ...compileRules('tr', TR_RULES),
        ...compileRules('no', NO_RULES),
      ],
      cues: {
        en: compileCues(EN_CUES),
        ru: compileCues(RU_CUES),
        kk: compileCues(KK_CUES),
        tr: compileCues(TR_CUES),
        no: compileCues(NO_CUES),
      },
    };
  }
  return compiled;
}
