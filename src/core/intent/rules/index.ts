/**
 * Every language's rules and cues, compiled once on first use (Apps Script loads the whole bundle on
 * each call, so compiling at load time would tax calls that never read an email).
 */
import type { Language } from '../types';
import { compileCues, compileRules, type Cues, type Rule } from './compile';
import { ruleSpecs } from './specs';

export interface RuleSet {
  rules: Rule[];
  cues: Record<Language, Cues>;
  stopWords: Record<Language, ReadonlySet<string>>;
}

let compiled: RuleSet | null = null;

export function ruleSet(): RuleSet {
  if (!compiled) {
    const specs = ruleSpecs();
    compiled = {
      rules: [
        ...compileRules('en', specs.en.rules),
        ...compileRules('ru', specs.ru.rules),
        ...compileRules('kk', specs.kk.rules),
        ...compileRules('tr', specs.tr.rules),
        ...compileRules('no', specs.no.rules),
      ],
      cues: {
        en: compileCues(specs.en.cues),
        ru: compileCues(specs.ru.cues),
        kk: compileCues(specs.kk.cues),
        tr: compileCues(specs.tr.cues),
        no: compileCues(specs.no.cues),
      },
      stopWords: {
        en: new Set(specs.en.stopWords.split(' ')),
        ru: new Set(specs.ru.stopWords.split(' ')),
        kk: new Set(specs.kk.stopWords.split(' ')),
        tr: new Set(specs.tr.stopWords.split(' ')),
        no: new Set(specs.no.stopWords.split(' ')),
      },
    };
  }
  return compiled;
}
