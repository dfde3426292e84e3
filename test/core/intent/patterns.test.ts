/**
 * The phrase patterns stay safe to run on any email: every one compiles, none repeats a group
 * without bound (the shape behind catastrophic backtracking), and hostile input finishes.
 */
import { detectIntents } from '../../../src/core/intent';
import { expand } from '../../../src/core/intent/rules/compile';
import { ruleSet } from '../../../src/core/intent/rules';
import { EN_RULES } from '../../../src/core/intent/rules/en';
import { KK_RULES } from '../../../src/core/intent/rules/kk';
import { NO_RULES } from '../../../src/core/intent/rules/no';
import { RU_RULES } from '../../../src/core/intent/rules/ru';
import { TR_RULES } from '../../../src/core/intent/rules/tr';

/** Index of the "(" that opens the group closing at `close`. */
function groupOpen(source: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (source[i - 1] === '\\') continue;
    if (source[i] === ')') depth++;
    if (source[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** Groups followed by *, + or {n,} (unbounded), whose body can itself repeat without bound. */
function nestedUnboundedRepeats(source: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== ')' || source[i - 1] === '\\') continue;
    const next = source.slice(i + 1, i + 8);
    if (!/^(?:[*+]|\{\d+,\})/.test(next)) continue;
    const body = source.slice(groupOpen(source, i), i + 1);
    if (/(?<!\\)[*+]|\{\d+,\}/.test(body.slice(1, -1))) found.push(body);
  }
  return found;
}

describe('phrase patterns', () => {
  const all = [...EN_RULES, ...RU_RULES, ...KK_RULES, ...TR_RULES, ...NO_RULES];

  it('cover every intent in every language', () => {
    for (const rules of [EN_RULES, RU_RULES, KK_RULES, TR_RULES, NO_RULES]) {
      expect(new Set(rules.map((r) => r.intent)).size).toBe(8);
    }
  });

  it('compile, and never repeat a group without bound', () => {
    const { rules } = ruleSet();
    expect(rules).toHaveLength(all.length);
    for (const spec of all) {
      const source = expand(spec.pattern);
      expect(() => new RegExp(source, 'u')).not.toThrow();
      expect(nestedUnboundedRepeats(source)).toEqual([]);
    }
    expect(nestedUnboundedRepeats('(?:a+)+b')).toEqual(['(?:a+)']);
  });

  it('have weights between 0 and 1', () => {
    for (const spec of all) {
      expect(spec.weight).toBeGreaterThan(0);
      expect(spec.weight).toBeLessThan(1);
    }
  });

  it('finish on hostile input: one endless sentence of trigger words', () => {
    const words = 'cancel our not renew отменить не iptal etmek si opp бас тарт pay in ';
    const body = words.repeat(Math.ceil(20_000 / words.length));
    const r = detectIntents({ plainBody: body });
    expect(r.churnSignal).toBeGreaterThanOrEqual(0);
    expect(detectIntents({ plainBody: 'a'.repeat(50_000) }).intents).toEqual([]);
    expect(detectIntents({ plainBody: ' '.repeat(20_000) + 'x' }).intents).toEqual([]);
  });
});
