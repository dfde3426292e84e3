/** Churn-intent detection time per email, on the sample inbox and on a 20 KB email. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectIntent } from '../src/core/intent/detect';
import { round, timeRuns } from './stats';

export function intentBench(runs = 20) {
  const inbox = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../sample/inbox.json'), 'utf8')) as {
    subject: string;
    plainBody: string;
  }[];
  const sample = timeRuns(runs, () =>
    inbox.forEach((m) => detectIntent({ subject: m.subject, body: m.plainBody })),
  );
  const long = `${'We had a good quarter, the team is busy and the roadmap looks fine. '.repeat(300)}Please cancel our subscription.`;
  const big = timeRuns(runs, () => detectIntent({ body: long }));
  return [
    {
      input: `sample inbox (${inbox.length} emails)`,
      medianMsPerEmail: round(sample.medianMs / inbox.length, 3),
    },
    { input: `one ${Math.round(long.length / 1024)} KB email`, medianMsPerEmail: big.medianMs },
  ];
}
