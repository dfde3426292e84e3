/**
 * The labelled corpus is what the detector's quality is measured on (npm run bench -- intent); these
 * tests keep the corpus well-formed and hold the test-split figures as a floor, so a rule change that
 * trades emails the rules were never tuned on for the ones they were shows up here.
 */
import { detectIntents, INTENT_IDS, LANGUAGES } from '../../../src/core/intent';
import { labelledEmails, splitOf } from './labelled/corpus';
import { measure } from './labelled/measure';

const all = labelledEmails();

describe('the labelled corpus', () => {
  it('has at least 120 emails per language, about 40% of them intent-free, with unique ids', () => {
    for (const language of LANGUAGES) {
      const emails = all.filter((e) => e.language === language);
      expect(emails.length).toBeGreaterThanOrEqual(120);
      const free = emails.filter((e) => e.intents.length === 0).length / emails.length;
      expect(free).toBeGreaterThan(0.35);
      expect(free).toBeLessThan(0.5);
      expect(emails.some((e) => e.intents.length > 1)).toBe(true);
    }
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const e of all) for (const i of e.intents) expect(INTENT_IDS).toContain(i);
  });

  it('splits 40% to test by position, the same in every language', () => {
    expect(splitOf('en-001')).toBe('test');
    expect(splitOf('en-002')).toBe('dev');
    expect(splitOf('kk-005')).toBe('test');
    const test = all.filter((e) => splitOf(e.id) === 'test').length / all.length;
    expect(test).toBeCloseTo(0.4, 1);
  });
});

describe('quality on the test split (never tuned on)', () => {
  const m = measure(labelledEmails('test'), (e) =>
    detectIntents({ subject: e.subject, plainBody: e.body }).intents.map((i) => i.intent),
  );

  it('keeps overall micro F1 at 0.85 or more and flags at most 5% of intent-free emails', () => {
    expect(m.overall.f1).toBeGreaterThanOrEqual(0.85);
    expect(m.overall.intentFreeFlagged).toBeLessThanOrEqual(0.05);
  });

  it.each(LANGUAGES)('%s: F1 stays at 0.75 or more, intent-free flagged at 5% or less', (language) => {
    expect(m.byLanguage[language].f1).toBeGreaterThanOrEqual(0.75);
    expect(m.byLanguage[language].intentFreeFlagged).toBeLessThanOrEqual(0.05);
  });
});
