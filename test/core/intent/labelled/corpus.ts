/**
 * The labelled corpus: 128 customer emails per language, written for this project, about 40% of
 * them intent-free hard negatives (churn words in another sense, negated, hypothetical, in a
 * newsletter footer). One JSON object per line in `<language>.jsonl`:
 *
 *   { "id": "tr-017", "intents": ["complaint"], "kind": "complaint-despite-negation", "subject", "body" }
 *
 * `intents` lists every intent the email expresses today (empty for an intent-free email); `kind`
 * names the case it was written to cover. The split is fixed by position so every language splits
 * alike and nothing depends on a random seed: emails 1, 5, 6, 10, 11 … (number mod 5 is 0 or 1) are
 * the test part (40%), never read while tuning; the rest are the development part.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type IntentId, type Language } from '../../../../src/core/intent';

export interface LabelledEmail {
  id: string;
  language: Language;
  intents: IntentId[];
  kind: string;
  subject: string;
  body: string;
}

export type Split = 'dev' | 'test';

export function splitOf(id: string): Split {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  return n % 5 === 0 || n % 5 === 1 ? 'test' : 'dev';
}

function readLanguage(language: Language): LabelledEmail[] {
  const text = readFileSync(join(__dirname, `${language}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ ...(JSON.parse(line) as Omit<LabelledEmail, 'language'>), language }));
}

/** Every labelled email, or one split of them. */
export function labelledEmails(split?: Split): LabelledEmail[] {
  const all = LANGUAGES.flatMap(readLanguage);
  return split ? all.filter((e) => splitOf(e.id) === split) : all;
}
