/**
 * The bundle carries the intent rules packed (scripts/lib/bundle.ts). The packed module the build
 * writes must yield the very table the TypeScript source holds, so every rule compiles to the same
 * RegExp and matches the same text: shown on the labelled and hand-written corpora and on
 * generated strings.
 */
import * as esbuild from 'esbuild';
import * as vm from 'node:vm';
import { packedRuleSpecsSource } from '../../../scripts/lib/bundle';
import { compileCues, compileRules, type Rule } from '../../../src/core/intent/rules/compile';
import { ruleSpecs, type RuleSpecs } from '../../../src/core/intent/rules/specs';
import { LANGUAGES, type Language } from '../../../src/core/intent';
import { foldText } from '../../../src/core/intent/fold';
import { randomFrom } from '../../helpers/fuzz/random';
import { CORPUS } from './corpus';
import { labelledEmails } from './labelled/corpus';

/** Bundles the module the build substitutes for specs.ts, runs it, and returns its table. */
function packedSpecs(): RuleSpecs {
  const out = esbuild.buildSync({
    stdin: { contents: packedRuleSpecsSource(), loader: 'js', resolveDir: __dirname },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const module = { exports: {} as { ruleSpecs?: () => RuleSpecs } };
  vm.runInNewContext(out.outputFiles[0]!.text, { module, exports: module.exports });
  return module.exports.ruleSpecs!();
}

const source = ruleSpecs();
const packed = packedSpecs();

function compiledRules(specs: RuleSpecs): Rule[] {
  return LANGUAGES.flatMap((language) => compileRules(language, specs[language].rules));
}

const describeRe = (re: RegExp | null) => (re ? `/${re.source}/${re.flags}` : null);
const describeRule = (r: Rule) => ({
  ...r,
  re: describeRe(r.re),
  vetoBefore: describeRe(r.vetoBefore),
  vetoAfter: describeRe(r.vetoAfter),
});

/** Every match of a rule's search pattern (already global) in `text`, with its position. */
function allMatches(re: RegExp, text: string): string[] {
  const found: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push(`${m.index}:${m[0]}`);
    if (m[0] === '') re.lastIndex++;
  }
  return found;
}

describe('the packed intent rules', () => {
  it('are the same table as the source, rule for rule', () => {
    // JSON drops only undefined optional fields, which every reader treats as absent.
    expect(packed).toEqual(JSON.parse(JSON.stringify(source)));
    for (const language of LANGUAGES) {
      expect(packed[language].rules).toHaveLength(source[language].rules.length);
    }
  });

  it('compile to the same rules and cues', () => {
    expect(compiledRules(packed).map(describeRule)).toEqual(compiledRules(source).map(describeRule));
    for (const language of LANGUAGES) {
      const cues = (specs: RuleSpecs) =>
        Object.fromEntries(
          Object.entries(compileCues(specs[language].cues)).map(([k, v]) => [k, describeRe(v)]),
        );
      expect(cues(packed)).toEqual(cues(source));
    }
  });

  it('match exactly what the source rules match on the corpora and generated text', () => {
    // Each text meets its own language's rules, as in detection (src/core/intent/detect.ts).
    const texts: Array<{ language: Language; text: string }> = [
      ...CORPUS.map((e) => ({ language: e.language, text: `${e.subject}\n${e.body}` })),
      ...labelledEmails().map((e) => ({ language: e.language, text: `${e.subject}\n${e.body}` })),
    ];
    // Generated: the corpora's own words shuffled into new strings, so near-misses are tried too.
    const random = randomFrom(16);
    for (const language of LANGUAGES) {
      const words = texts
        .filter((t) => t.language === language)
        .flatMap((t) => t.text.split(/\s+/))
        .filter(Boolean);
      for (let i = 0; i < 40; i++) {
        const text = Array.from({ length: 3 + random.int(12) }, () => random.pick(words)).join(' ');
        texts.push({ language, text });
      }
    }
    const fromSource = compiledRules(source);
    const fromPacked = compiledRules(packed);
    let matched = 0;
    for (const { language, text } of texts) {
      const folded = foldText(text).text;
      fromSource.forEach((rule, i) => {
        if (rule.language !== language) return;
        const expected = allMatches(rule.re, folded);
        matched += expected.length;
        expect(allMatches(fromPacked[i]!.re, folded)).toEqual(expected);
      });
    }
    // The comparison means something only if the rules do match the corpora.
    expect(matched).toBeGreaterThan(500);
  });
});
