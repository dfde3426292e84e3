/**
 * Fuzz: the CLI on hostile sheet files (CSV as typed, or XLSX) with hostile arguments. Every run ends
 * with a usage error (2), an unusable-data message (1) or a result (0); nothing escapes as an
 * exception, and no output carries a stack trace or a JavaScript error nobody anticipated.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/local/cli/main';
import { hostileCell, hostileSheet, randomUnicode } from '../helpers/fuzz/hostile-values';
import { randomFrom, type Random } from '../helpers/fuzz/random';
import { seeds } from '../helpers/seeds';
import { writeHostileSheet } from '../helpers/fuzz/hostile-files';

/** What a bug looks like once the CLI has caught it and printed its message. */
const UNANTICIPATED =
  /\n\s+at |TypeError|RangeError|ReferenceError|Cannot read propert|is not a function|is not iterable|Maximum call stack/;
const TABS = {
  'segments.csv': 'Segment,Query,Playbook\r\nEveryone,Status = Active,\r\nBad,"(((Impact in",\r\n',
  'templates.csv': 'Name,Subject,Body\r\nCheck-in,Hi,"Hi {{Company|there}}"\r\nBroken,Hi {{,x\r\n',
};

function writeSheet(r: Random, dir: string): string {
  const sheet = hostileSheet(r);
  const roll = r.next();
  return writeHostileSheet(dir, sheet, r, roll < 0.2 ? 'xlsx' : roll < 0.6 ? 'csv' : 'folder', TABS);
}

const FLAGS_OF: Record<string, string[]> = {
  score: ['--today', '--limit'],
  evaluate: ['--outcome', '--folds', '--exclude'],
  metrics: ['--from', '--to'],
  segments: ['--today'],
  preview: ['--segment', '--template', '--limit', '--today'],
};
const REQUIRED_OF: Record<string, string[]> = {
  evaluate: ['--outcome'],
  preview: ['--segment', '--template'],
};

function hostileArgs(r: Random, sheet: string): string[] {
  const text = () => String(hostileCell(r));
  const day = () => r.pick(['2026-11-20', '2026-02-30', 'yesterday', '', text()]);
  const command = r.pick([
    'score',
    'metrics',
    'segments',
    'preview',
    'evaluate',
    'score',
    r.pick(['', '--help', 'nope']),
  ]);
  const args = [command, '--sheet', r.chance(0.95) ? sheet : path.join(sheet, 'missing.csv')];
  const options: Record<string, () => string> = {
    '--today': day,
    '--limit': () => r.pick(['3', '0', '-1', '1e9', 'x', '']),
    '--from': day,
    '--to': day,
    '--segment': () => r.pick(['Everyone', 'Bad', 'Nope', text()]),
    '--template': () => r.pick(['Check-in', 'Broken', 'Nope', text()]),
    '--outcome': () => r.pick(['Status', 'Churned', 'Email', text()]),
    '--folds': () => r.pick(['5', '2', '0', '1000', 'x']),
    '--exclude': () => r.pick(['Email', 'Email,Name', '', text()]),
  };
  // Mostly the flags the command takes (so the data is read), now and then any flag at all.
  const flags = r.chance(0.9) ? (FLAGS_OF[command] ?? []) : Object.keys(options);
  const required = REQUIRED_OF[command] ?? [];
  for (const flag of flags)
    if (required.includes(flag) ? r.chance(0.95) : r.chance(0.4)) args.push(flag, options[flag]!());
  if (r.chance(0.3)) args.push('--json');
  if (command === 'score' && r.chance(0.3)) args.push('--all');
  if (r.chance(0.05)) args.push(randomUnicode(r, 6));
  return args;
}

export const cliCases = { runs: 0, exitCodes: new Map<number, number>() };

describe('CLI on hostile sheets and arguments (fuzz)', () => {
  it.each(seeds(20, 2000))('seed %i: exits 0, 1 or 2 with a message, never a stack trace', (seed) => {
    const r = randomFrom(seed);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-clifuzz-'));
    try {
      const args = hostileArgs(r, writeSheet(r, dir));
      const output: string[] = [];
      const code = runCli(args, {
        out: (s) => output.push(s),
        err: (s) => output.push(s),
        now: () => new Date('2026-11-20T12:00:00Z'),
      });
      cliCases.runs++;
      cliCases.exitCodes.set(code, (cliCases.exitCodes.get(code) ?? 0) + 1);
      expect([0, 1, 2]).toContain(code);
      const text = output.join('\n');
      expect([args.join(' '), UNANTICIPATED.exec(text)?.[0] ?? null]).toEqual([args.join(' '), null]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  afterAll(() => {
    console.log(`CLI fuzz: ${cliCases.runs} runs, exit codes ${JSON.stringify([...cliCases.exitCodes])}`);
  });
});
