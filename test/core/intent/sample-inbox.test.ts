/** The bundled sample inbox is labelled with each email's intent and language; the detector agrees. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectIntents } from '../../../src/core/intent';

interface SampleEmail {
  id: string;
  subject: string;
  plainBody: string;
  intent: string;
  language: string;
}

const inbox = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../sample/inbox.json'), 'utf8'),
) as SampleEmail[];

describe('sample inbox', () => {
  it.each(inbox.map((m) => [m.id, m.intent, m] as const))('%s is %s', (_id, intent, m) => {
    const r = detectIntents({ subject: m.subject, plainBody: m.plainBody });
    if (intent === 'none') {
      expect(r.intents).toEqual([]);
      return;
    }
    expect(r.strongest).toBe(intent);
    expect(r.language).toBe(m.language);
    if (intent === 'expansion') expect(r.churnSignal).toBe(0);
    else expect(r.churnSignal).toBeGreaterThan(0.4);
  });
});
