/**
 * One date arithmetic everywhere (issue 18): the card, the CLI and the daily digest count whole
 * calendar days in the spreadsheet's time zone, so a renewal dated today is "today" in all three,
 * one three days off is "in 3 days" in all three, and one day is "1 day". The clock stands late in
 * the UTC evening, when it is already the next day in the sheet's zone (Asia/Almaty, UTC+5): the
 * case that used to split the surfaces.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { customerStateFor } from '../../src/app/handlers/message';
import { runDailyScan } from '../../src/app/watch/scan';
import { runCli } from '../../src/local/cli/main';
import { standInContext } from '../helpers/stand-in-context';

const NOW = '2026-12-03T20:30:00Z'; // 01:30 on 4 December in Almaty
const ZONE = 'Asia/Almaty';
const HEADERS = ['Email', 'Name', 'Owner', 'Renewal date', 'NPS'];
const CUSTOMERS = [
  ['today@x.example', 'Today', 'am@x.example', '2026-12-04', 9],
  ['one@x.example', 'One', 'am@x.example', '2026-12-05', 9],
  ['three@x.example', 'Three', 'am@x.example', '2026-12-07', 9],
];
const EXPECTED: Record<string, string> = {
  'today@x.example': 'Renewal today',
  'one@x.example': 'Renewal in 1 day',
  'three@x.example': 'Renewal in 3 days',
};

describe('one date arithmetic across card, CLI and digest', () => {
  it('says the same renewal day everywhere, in the sheet’s time zone', () => {
    const { world, ss, ctx } = standInContext([HEADERS, ...CUSTOMERS], {
      settings: { watch: { enabled: true } },
      now: NOW,
    });
    ss.timeZone = ZONE;

    const card = (email: string) =>
      customerStateFor(ctx(), { email, name: '' })!.state.risk.reasons.map((r) => r.sentence);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-dates-'));
    const csv = path.join(dir, 'customers.csv');
    fs.writeFileSync(csv, [HEADERS, ...CUSTOMERS].map((r) => r.join(',')).join('\n'));
    const out: string[] = [];
    const code = runCli(['score', '--sheet', csv, '--time-zone', ZONE, '--json'], {
      out: (s) => out.push(s),
      err: () => undefined,
      now: () => new Date(NOW),
    });
    expect(code).toBe(0);
    const cli = JSON.parse(out.join('\n')).customers as { email: string; reasons: { sentence: string }[] }[];

    runDailyScan(ctx());
    const digest = world.mail.outbox.find((m) => m.subject.startsWith('ChurnGuard:'))!;

    for (const [email, sentence] of Object.entries(EXPECTED)) {
      expect(card(email)).toContain(sentence);
      expect(cli.find((c) => c.email === email)!.reasons.map((r) => r.sentence)).toContain(sentence);
      const name = email.split('@')[0]!;
      const line = digest.body.split('\n').find((l) => l.toLowerCase().startsWith(`- ${name}:`));
      expect(line).toContain(`${sentence} (`);
    }
  });
});
