/**
 * The ChurnGuard command line, on a CSV or XLSX customer sheet:
 *   npm run cli -- <command> [options]     (or `npx churnguard <command>` after npm ci)
 * Exit codes: 0 done, 1 the data could not be used, 2 usage error.
 */
import { exitQuietlyOnClosedPipe } from './closed-pipe';
import * as fs from 'node:fs';
import { parseCsv } from '../table/csv';
import { readTableFile } from '../table/table-file';
import { readCustomers, formatIssue } from '../../core/sheet/read-customers';
import { scoreCustomer, topReasons } from '../../core/risk/scorecard';
import { crossValidate } from '../../core/risk/model/model';
import { compareLearners } from '../../core/risk/model/select';
import { portfolioMetrics, type Metric } from '../../core/metrics/portfolio';
import { parseFlags, UsageError } from './args';
import { calendarDay } from '../../core/time/calendar';
import { loadSegmentBook } from './segment-book';
import { previewCampaign } from './preview';
import {
  count,
  DEFAULT_MONEY,
  formatMoney,
  formatPercent,
  formatScore,
  type MoneyFormat,
} from '../../core/text/format';
import { readTeamSettings, TEAM_SETTINGS_TAB } from '../../core/settings/team-settings';
import { crawlCommand } from './crawl-command';
import { MOVE_LABELS } from '../../core/playbooks/moves';
import { describeQuery, membersOf, statsOf } from '../../core/segments';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => Date;
}

function loadSheet(file: string | undefined): { headers: unknown[]; rows: unknown[][]; name: string } {
  if (!file) throw new UsageError('--sheet FILE is required');
  const book = readTableFile(file);
  const sheet = book.sheets.find((s) => s.name === 'Customers') ?? book.sheets[0];
  if (!sheet || sheet.values.length === 0) throw new Error(`${file} is empty`);
  const [headers = [], ...rows] = sheet.values;
  return { headers, rows, name: sheet.name };
}

function parseDay(text: string | undefined, flag: string): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()))
    throw new UsageError(`--${flag} must be YYYY-MM-DD, got "${text}"`);
  return d;
}

const show = (m: Metric, as: 'percent' | MoneyFormat) =>
  m.value === null ? m.reason : as === 'percent' ? formatPercent(m.value) : formatMoney(m.value, as);

/**
 * The team's currency from the file's Settings tab (a folder or workbook has one; a lone CSV does
 * not, and gets the default). A file has no spreadsheet locale, so figures are written the en_US way.
 */
function moneyOf(file: string): MoneyFormat {
  try {
    const settings = readTableFile(file).sheets.find(
      (s) => s.name.toLowerCase() === TEAM_SETTINGS_TAB.toLowerCase(),
    );
    return { currency: readTeamSettings(settings?.values ?? null).settings.currency, locale: 'en_US' };
  } catch {
    return DEFAULT_MONEY;
  }
}

function score(argv: string[], io: Io): number {
  const { flags } = parseFlags(argv, {
    sheet: 'string',
    today: 'string',
    'time-zone': 'string',
    limit: 'number',
    all: 'boolean',
    json: 'boolean',
  });
  const sheet = loadSheet(flags.sheet);
  const timeZone = flags['time-zone'];
  // --today names a calendar day already; the clock's now is turned into the day it is in the zone.
  const today = parseDay(flags.today, 'today') ?? calendarDay(io.now(), timeZone);
  const read = readCustomers({ sheetName: sheet.name, headers: sheet.headers, rows: sheet.rows, timeZone });
  const scored = read.customers
    .filter((c) => flags.all || c.status !== 'churned')
    .map((c) => ({ c, r: scoreCustomer(c, { today }) }))
    .sort((a, b) => (b.r.score ?? -1) - (a.r.score ?? -1));
  const limited = flags.limit ? scored.slice(0, flags.limit) : scored;
  if (flags.json) {
    io.out(
      JSON.stringify(
        {
          customers: limited.map(({ c, r }) => ({
            row: c.row,
            email: c.email,
            name: c.name ?? null,
            risk: r.score === undefined ? null : Math.round(r.score * 10) / 10,
            band: r.band,
            basedOn: r.basedOn,
            reasons: topReasons(r).map((x) => ({
              signal: x.signal,
              points: Math.round(x.points * 10) / 10,
              sentence: x.sentence,
            })),
          })),
          issues: read.issues.map(formatIssue),
          duplicates: read.duplicates,
        },
        null,
        2,
      ),
    );
  } else {
    for (const { c, r } of limited) {
      const risk = r.score === undefined ? '  n/a' : formatScore(r.score).padStart(5);
      io.out(
        `${risk}  ${r.band.padEnd(8)}  ${c.email}  ${topReasons(r)
          .map((x) => x.sentence)
          .join('; ')}`,
      );
    }
    if (read.issues.length)
      io.err(`${read.issues.length} cell issue(s):\n${read.issues.map(formatIssue).join('\n')}`);
  }
  return 0;
}

function evaluate(argv: string[], io: Io): number {
  const { flags } = parseFlags(argv, {
    sheet: 'string',
    outcome: 'string',
    folds: 'number',
    repeats: 'number',
    exclude: 'string',
    today: 'string',
    locale: 'string',
    json: 'boolean',
  });
  if (!flags.outcome) throw new UsageError('--outcome COLUMN is required (the column that says who churned)');
  const asOf = parseDay(flags.today, 'today') ?? calendarDay(io.now());
  const cells = { asOf, ...(flags.locale ? { locale: flags.locale } : {}) };
  const folds = flags.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2)
    throw new UsageError('--folds must be a whole number of 2 or more');
  if (!flags.sheet) throw new UsageError('--sheet FILE is required');
  // CSV is read as text so identifiers and codes stay as typed; the model decides what is numeric.
  const table = /\.csv$/i.test(flags.sheet)
    ? (() => {
        const [headers = [], ...rows] = parseCsv(fs.readFileSync(flags.sheet, 'utf8'));
        return { headers, rows: rows as unknown[][] };
      })()
    : (() => {
        const s = loadSheet(flags.sheet);
        return { headers: s.headers.map(String), rows: s.rows };
      })();
  const started = Date.now();
  const exclude = flags.exclude ? flags.exclude.split(',').map((s) => s.trim()) : [];
  const cv = crossValidate(table, flags.outcome, { ...cells, folds, repeats: flags.repeats ?? 1, exclude });
  const learners = compareLearners(table, flags.outcome, { ...cells, folds, exclude });
  const seconds = (Date.now() - started) / 1000;
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const result = {
    rows: cv.rows,
    features: cv.features,
    folds: cv.folds,
    repeats: cv.repeats,
    auc: Math.round(cv.auc * 10000) / 10000,
    aucByFold: cv.aucByFold.map((a) => Math.round(a * 10000) / 10000),
    logLoss: Math.round(cv.logLoss * 10000) / 10000,
    brier: Math.round(cv.brier * 10000) / 10000,
    calibrationError: Math.round(cv.calibration.ece * 10000) / 10000,
    calibration: cv.calibration.bins.map((b) => ({
      predicted: +b.predicted.toFixed(3),
      observed: +b.observed.toFixed(3),
      count: b.count,
    })),
    excluded: cv.excluded,
    learners: {
      auc: {
        logistic: r4(learners.auc.logistic),
        trees: r4(learners.auc.trees),
        blend: r4(learners.auc.blend),
      },
      chosen: learners.chosen,
      reason: learners.reason,
    },
    seconds,
  };
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`${result.rows} rows, ${result.features} features, ${folds}-fold CV × ${result.repeats}`);
    io.out(`ROC AUC ${result.auc} (folds: ${result.aucByFold.join(', ')})`);
    io.out(`log loss ${result.logLoss}, Brier ${result.brier}, calibration error ${result.calibrationError}`);
    if (result.excluded.length)
      io.out(`excluded: ${result.excluded.map((e) => `${e.column} (${e.reason})`).join('; ')}`);
    io.out(`learner: ${learners.reason}`);
    io.out(`${seconds.toFixed(2)} s`);
  }
  return 0;
}

function metrics(argv: string[], io: Io): number {
  const { flags } = parseFlags(argv, { sheet: 'string', from: 'string', to: 'string', json: 'boolean' });
  const sheet = loadSheet(flags.sheet);
  const now = io.now();
  const end = parseDay(flags.to, 'to') ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start =
    parseDay(flags.from, 'from') ?? new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  if (start >= end) throw new UsageError('--from must be before --to');
  const read = readCustomers({ sheetName: sheet.name, headers: sheet.headers, rows: sheet.rows });
  const m = portfolioMetrics(read.customers, { start, end }, { today: now });
  if (flags.json) io.out(JSON.stringify(m, null, 2));
  else {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    io.out(`Period ${day(start)} to ${day(end)} (end exclusive)`);
    io.out(
      `customers: ${m.customersAtStart} at start, ${m.newCustomers} new, ${m.lostCustomers} lost, ${m.customersAtEnd} at end`,
    );
    io.out(
      `churn rate ${show(m.churnRate, 'percent')}, retention ${show(m.retentionRate, 'percent')}, gross MRR churn ${show(m.grossMrrChurn, 'percent')}`,
    );
    const money = moneyOf(flags.sheet!);
    io.out(
      `ARPA ${show(m.arpa, money)}, LTV ${show(m.ltv, money)}, revenue lost (12 months) ${show(m.revenueLost, money)}`,
    );
  }
  return 0;
}

function segments(argv: string[], io: Io): number {
  const { flags } = parseFlags(argv, { sheet: 'string', today: 'string', json: 'boolean' });
  if (!flags.sheet) throw new UsageError('--sheet FILE is required');
  const today = parseDay(flags.today, 'today') ?? io.now();
  const book = loadSegmentBook(flags.sheet, today);
  const ctx = { today };
  const rows = book.segments.map((s) => ({
    segment: s.name,
    playbook: s.playbook ? MOVE_LABELS[s.playbook] : null,
    query: describeQuery(s.query),
    ...statsOf(membersOf(s.query, book.records, ctx)),
  }));
  const issues = book.issues;
  if (flags.json)
    io.out(JSON.stringify({ today: today.toISOString().slice(0, 10), segments: rows, issues }, null, 2));
  else {
    const money = moneyOf(flags.sheet);
    for (const r of rows)
      io.out(
        `${r.segment.padEnd(28)} ${count(r.customers, 'customer').padStart(15)}  MRR ${formatMoney(r.mrr, money).padStart(10)}  MRR at high risk ${formatMoney(r.atRiskMrr, money).padStart(9)}  ${r.playbook ?? '-'}`,
      );
    for (const i of issues) io.err(`warning: ${i}`);
  }
  return 0;
}

function preview(argv: string[], io: Io): number {
  const { flags } = parseFlags(argv, {
    sheet: 'string',
    segment: 'string',
    template: 'string',
    today: 'string',
    limit: 'number',
    json: 'boolean',
  });
  if (!flags.sheet) throw new UsageError('--sheet FILE is required');
  if (!flags.segment) throw new UsageError('--segment NAME is required');
  if (!flags.template) throw new UsageError('--template NAME is required');
  const r = previewCampaign({
    sheet: flags.sheet,
    segment: flags.segment,
    template: flags.template,
    today: parseDay(flags.today, 'today') ?? io.now(),
    limit: flags.limit ?? 3,
  });
  if (flags.json) io.out(JSON.stringify(r, null, 2));
  else {
    io.out(
      `${r.segment}: ${r.members} customers → ${r.toEmail} to email with "${r.template}", ${r.holdout} held out`,
    );
    for (const line of r.guardRails) io.out(`  guard rail: ${line}`);
    for (const [reason, n] of Object.entries(r.excluded)) io.out(`  left out: ${n} · ${reason}`);
    if (r.blocked.length) {
      io.out(
        `${count(r.blocked.length, 'customer')} would get a blank; a real send waits until they are fixed:`,
      );
      for (const problem of r.problems) io.out(`  ${problem}`);
    }
    for (const problem of r.sheet.blockers) io.out(`not sendable: ${problem}`);
    if (r.sheet.leftOut.length) {
      io.out(`${r.sheet.leftOut.length} sheet rows are left out of every campaign (email cell unusable):`);
      for (const row of r.sheet.leftOut.slice(0, 20)) io.out(`  ${row}`);
    }
    r.languages.forEach((line, i) => io.out(i === 0 ? `Languages: ${line}` : `  fallback: ${line}`));
    for (const e of r.emails)
      io.out(
        `\n--- To: ${e.to}${e.template ? `\nTemplate: ${e.template} (the offer's guard rail refused them)` : ''}\nLanguage: ${e.language}\nSubject: ${e.subject}\n\n${e.textBody}`,
      );
    for (const i of r.issues) io.err(`warning: ${i}`);
  }
  return r.blocked.length || r.sheet.blockers.length ? 1 : 0;
}

/** One command: how it runs, and its help (options with what each means, and an example on sample/). */
export interface Command {
  run: (argv: string[], io: Io) => number;
  /** What it does, one or more lines. */
  about: string;
  /** Each option as typed (`--sheet FILE`), with what it means; the parser's options, all of them. */
  options: [flag: string, meaning: string][];
  /** Options that must be given (their names without `--`), shown bare in the synopsis. */
  required: string[];
  /** Arguments after the command name, run from the repository root on the bundled sample. */
  example: string[];
  /** Exit codes besides 0 and 2 (usage error), and what they mean. */
  exits: string;
}

const SHEET = ['--sheet FILE', 'the customer sheet: a .csv, an .xlsx or a folder of CSV tabs (sample/)'] as [
  string,
  string,
];
const JSON_OUT = ['--json', 'print the result as JSON instead of text'] as [string, string];

export const COMMANDS: Record<string, Command> = {
  score: {
    run: score,
    about:
      'Scores active customers (--all: churned too): risk 0-100, band, top reasons, highest first.\n' +
      "Days are counted in ZONE's calendar (the spreadsheet's time zone; default UTC).",
    options: [
      SHEET,
      ['--today YYYY-MM-DD', 'the scoring day (default: today in ZONE)'],
      ['--time-zone ZONE', 'IANA time zone the days are counted in, e.g. Europe/Berlin (default UTC)'],
      ['--limit N', 'show only the N riskiest customers'],
      ['--all', 'include churned customers'],
      JSON_OUT,
    ],
    required: ['sheet'],
    example: ['score', '--sheet', 'sample/customers.csv', '--today', '2026-11-20', '--limit', '10'],
    exits: '1 the sheet could not be read',
  },
  evaluate: {
    run: evaluate,
    about:
      'Cross-validates logistic regression (ROC AUC, log loss, calibration), then compares it with\n' +
      'gradient-boosted trees and their blend on the same folds and names the learner it would\n' +
      'choose. Cells are read as the sheet reader reads them (money, %, yes/no in the locale;\n' +
      'dates as days from --today, default today).',
    options: [
      SHEET,
      ['--outcome COLUMN', 'the column that says who churned (sample: Status, Active or Churned)'],
      ['--folds N', 'number of stratified folds (default 5, at least 2)'],
      ['--repeats N', 'repeat the cross-validation N times with other fold splits (default 1)'],
      ['--exclude COL,COL', 'columns to leave out of the model, e.g. an ID column'],
      ['--today YYYY-MM-DD', 'the day dates are counted from (default today)'],
      ['--locale LOCALE', 'how money, numbers and yes/no are written, e.g. de_DE (default en_US)'],
      JSON_OUT,
    ],
    required: ['sheet', 'outcome'],
    example: ['evaluate', '--sheet', 'sample/customers.csv', '--outcome', 'Status', '--today', '2026-11-20'],
    exits: '1 the sheet could not be used (unreadable, or too little history to learn from)',
  },
  metrics: {
    run: metrics,
    about: 'Churn rate, retention, MRR churn, ARPA, LTV for a period (default: the last full month).',
    options: [
      SHEET,
      ['--from YYYY-MM-DD', 'first day of the period (default: first day of the month before --to)'],
      ['--to YYYY-MM-DD', 'day after the period, exclusive (default: first day of this month)'],
      JSON_OUT,
    ],
    required: ['sheet'],
    example: ['metrics', '--sheet', 'sample/customers.csv', '--from', '2026-10-01', '--to', '2026-11-01'],
    exits: '1 the sheet could not be read',
  },
  segments: {
    run: segments,
    about: "Each saved segment's size, MRR and MRR at high risk, with impact from the Impact rules tab.",
    options: [
      ['--sheet FILE', 'a folder of CSV tabs or an .xlsx with Customers, Segments and Impact rules tabs'],
      ['--today YYYY-MM-DD', 'the scoring day for risk and day counts (default today)'],
      JSON_OUT,
    ],
    required: ['sheet'],
    example: ['segments', '--sheet', 'sample', '--today', '2026-11-20'],
    exits: '1 the sheet could not be read',
  },
  preview: {
    run: preview,
    about:
      "A campaign's emails rendered without sending: exclusions, holdout, rows with blanks or\n" +
      'two Email columns (exit 1).',
    options: [
      ['--sheet FILE', 'a folder of CSV tabs or an .xlsx with Customers, Segments and Templates tabs'],
      ['--segment NAME', 'the saved segment to send to (case does not matter)'],
      ['--template NAME', 'the email template to merge'],
      ['--limit N', 'how many rendered emails to show (default 3)'],
      ['--today YYYY-MM-DD', 'the day the campaign would go out (default today)'],
      JSON_OUT,
    ],
    required: ['sheet', 'segment', 'template'],
    example: [
      'preview',
      '--sheet',
      'sample',
      '--segment',
      'Booming, growing',
      '--template',
      'Upsell',
      '--limit',
      '2',
      '--today',
      '2026-11-20',
    ],
    exits:
      '1 a real send would be held back (blank merge fields, two Email columns) or the sheet is unusable',
  },
  crawl: {
    run: crawlCommand,
    about:
      "Clicks every button of build/Code.js on the stand-ins under Gmail's response contracts\n" +
      '(default: the bundled sample); lists what Gmail would reject or show as an error (exit 1).',
    options: [
      ['--sheet FILE', 'the spreadsheet to crawl (default: sample/)'],
      ['--inbox FILE.json', 'the inbox of emails to open (default: sample/inbox.json with the sample)'],
      ['--user EMAIL', 'the signed-in user (default am@nimbus.example)'],
      ['--max-clicks N', 'clicks per entry point (default 40)'],
      JSON_OUT,
    ],
    required: [],
    example: ['crawl', '--max-clicks', '5'],
    exits: '1 some click failed, or build/Code.js is missing (run npm run build first)',
  },
};

const quote = (a: string) => (/^[\w./:=,-]+$/.test(a) ? a : `"${a}"`);

/** `--sheet FILE [--today YYYY-MM-DD] ...`: required options bare, the others in brackets. */
function synopsis(c: Command): string {
  return c.options
    .map(([flag]) => (c.required.includes(flag.slice(2).split(' ')[0] as string) ? flag : `[${flag}]`))
    .join(' ');
}

/** The help of one command: `churnguard <name> --help`. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  if (!c) throw new Error(`no command ${name}`);
  const width = Math.max(...c.options.map(([flag]) => flag.length), '-h, --help'.length);
  return [
    `Usage: churnguard ${name} ${synopsis(c)}`,
    '',
    c.about,
    '',
    'Options:',
    ...c.options.map(([flag, meaning]) => `  ${flag.padEnd(width)}  ${meaning}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    '',
    'Example (from the repository root, on the bundled sample):',
    `  npm run cli -- ${c.example.map(quote).join(' ')}`,
    '',
    `Exit codes: 0 done, ${c.exits}, 2 usage error.`,
  ].join('\n');
}

const indent = (text: string) => text.replace(/^/gm, '            ');

/** The top-level usage, made from COMMANDS so the two never disagree. */
export const USAGE = `Usage: churnguard <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${synopsis(c)}\n${indent(c.about)}`)
  .join('\n')}

FILE is a .csv, an .xlsx or a folder of CSV tabs (sample/); the customer tab is "Customers" or the
first tab; segments and impact rules come from the "Segments" and "Impact rules" tabs.
Run churnguard <command> --help for what each option means and an example.`;

const wantsHelp = (argv: string[]) => argv.some((a) => a === '--help' || a === '-h');

export function runCli(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === 'help' && rest[0] && COMMANDS[rest[0]]) {
    io.out(commandHelp(rest[0]));
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command]?.run;
  if (!run) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    io.err(`churnguard ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The CLI as a process: real stdout/stderr, quiet on a closed pipe. `bin/churnguard.js` calls this. */
export function runCliProcess(argv: string[]): void {
  exitQuietlyOnClosedPipe([process.stdout, process.stderr], (code) => process.exit(code));
  process.exitCode = runCli(argv, {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
    now: () => new Date(),
  });
}

if (require.main === module) runCliProcess(process.argv.slice(2));
