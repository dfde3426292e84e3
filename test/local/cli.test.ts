import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toCsv } from '../../src/local/table/csv';
import { cli } from '../helpers/cli';

const SAMPLE = path.resolve(__dirname, '../../sample/customers.csv');

describe('churnguard CLI', () => {
  it("lists the sample folder's segments with size and MRR, consistent with the customer tab", () => {
    const r = cli('segments', '--sheet', path.dirname(SAMPLE), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      segments: { segment: string; customers: number; mrr: number; playbook: string | null }[];
      issues: string[];
    };
    expect(json.issues).toEqual([]);
    const churned = json.segments.find((s) => s.segment === 'Recently churned')!;
    expect(churned).toMatchObject({ customers: 66, playbook: 'Win-back' });
    expect(json.segments.find((s) => s.segment === 'Booming, growing')!.customers).toBeGreaterThan(0);
    const text = cli('segments', '--sheet', path.dirname(SAMPLE));
    expect(text.out).toMatch(
      /Recently churned\s+66 customers\s+MRR\s+\$[\d,]+\s+MRR at high risk\s+\$[\d,]+/,
    );
  });

  it('previews a campaign without sending: counts, exclusions and merged emails', () => {
    const r = cli(
      'preview',
      '--sheet',
      path.dirname(SAMPLE),
      '--segment',
      'booming, growing',
      '--template',
      'Upsell',
      '--limit',
      '2',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      members: number;
      toEmail: number;
      holdout: number;
      excluded: Record<string, number>;
      blocked: unknown[];
      emails: { to: string; subject: string; textBody: string }[];
    };
    expect(json.toEmail + json.holdout + Object.values(json.excluded).reduce((a, b) => a + b, 0)).toBe(
      json.members,
    );
    expect(json.blocked).toEqual([]);
    expect(json.emails).toHaveLength(2);
    expect(json.emails[0]!.subject).toMatch(/^Room to grow at /);
    expect(json.emails[0]!.textBody).not.toMatch(/\{\{/);
  });

  it('previews what a campaign sends: the guard rail per recipient and the exact holdout', () => {
    const r = cli(
      'preview',
      '--sheet',
      path.dirname(SAMPLE),
      '--segment',
      'Hard hit, worth keeping',
      '--template',
      'Payment holiday',
      '--limit',
      '40',
      '--json',
    );
    const json = JSON.parse(r.out) as {
      toEmail: number;
      holdout: number;
      guardRails: string[];
      emails: { subject: string; template?: string }[];
    };
    // The sample's hard-hit segment mixes customers above and below the value line for relief.
    const moved = Number(/^(\d+) get “Check-in” instead$/.exec(json.guardRails[0] ?? '')?.[1]);
    expect(moved).toBeGreaterThan(0);
    expect(json.emails.filter((e) => e.template === 'Check-in')).toHaveLength(moved);
    expect(json.emails.some((e) => e.template === undefined)).toBe(true);
    // Settings say 10%: exactly round(10%) of those eligible are held back, as a campaign would.
    expect(json.holdout).toBe(Math.round((json.toEmail + json.holdout) / 10));
  });

  it('exits 1 and lists the rows when a template would leave a blank, and names unknown segments', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cli-'));
    for (const f of fs.readdirSync(path.dirname(SAMPLE)).filter((x) => x.endsWith('.csv')))
      fs.copyFileSync(path.join(path.dirname(SAMPLE), f), path.join(dir, f));
    fs.writeFileSync(
      path.join(dir, 'templates.csv'),
      'Name,Subject,Body\nNeeds a plan,Your {{Plan}} plan,Hi {{First name|there}}\n',
    );
    const customers = fs.readFileSync(path.join(dir, 'customers.csv'), 'utf8').split('\n');
    const header = customers[0]!.split(',');
    const planAt = header.indexOf('Plan');
    const emptied = customers.map((line, i) => {
      if (i === 0 || !line) return line;
      const cells = line.split(',');
      return i <= 400 && cells.length === header.length
        ? [...cells.slice(0, planAt), '', ...cells.slice(planAt + 1)].join(',')
        : line;
    });
    fs.writeFileSync(path.join(dir, 'customers.csv'), emptied.join('\n'));
    const r = cli('preview', '--sheet', dir, '--segment', 'Booming, growing', '--template', 'Needs a plan');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/would get a blank/);
    expect(r.out).toMatch(/Plan is blank for \d+ recipients?: fill the cells in Customers, rows? \d+/);
    expect(r.out.match(/Plan is blank/g)).toHaveLength(1);
    const unknown = cli('preview', '--sheet', dir, '--segment', 'Nope', '--template', 'Needs a plan');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No segment named "Nope". Segments: Hard hit, worth keeping');
    expect(cli('preview', '--sheet', dir).code).toBe(2);
  });

  it('says which tab is missing when a sheet has no Segments', () => {
    const r = cli('segments', '--sheet', SAMPLE);
    expect(r.code).toBe(1);
    expect(r.err).toContain('has no "Segments" tab');
  });

  it('scores the sample, riskiest active customers first, as JSON', () => {
    const r = cli('score', '--sheet', SAMPLE, '--limit', '3', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      customers: { risk: number; band: string; reasons: { sentence: string }[] }[];
      issues: string[];
    };
    expect(json.customers).toHaveLength(3);
    expect(json.customers[0]!.risk).toBeGreaterThanOrEqual(json.customers[2]!.risk);
    expect(json.customers[0]!.reasons.length).toBeGreaterThan(0);
    expect(json.issues).toContain("Customers!M9 (NPS): not a number: 'n/a'");
  });

  it('evaluates the learned model on a CSV and reports rows, features, AUC and seconds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cli-'));
    const file = path.join(dir, 'history.csv');
    const rows = [['id', 'idle', 'plan', 'churned']];
    let s = 7;
    for (let i = 0; i < 400; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const idle = s % 200;
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      rows.push([
        `c${i}`,
        String(idle),
        i % 2 ? 'A' : 'B',
        s / 4294967296 < 1 / (1 + Math.exp(-(idle - 100) / 25)) ? 'Yes' : 'No',
      ]);
    }
    fs.writeFileSync(file, toCsv(rows));
    const r = cli('evaluate', '--sheet', file, '--outcome', 'churned', '--folds', '5', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({ rows: 400, folds: 5 });
    expect(json.auc as number).toBeGreaterThan(0.8);
    expect(typeof json.seconds).toBe('number');
    expect(json.features as number).toBeGreaterThan(2);
  });

  it('computes last month’s metrics', () => {
    const r = cli('metrics', '--sheet', SAMPLE, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
    });
  });

  it.each([
    [['bogus'], 2, /Unknown command "bogus"/],
    [['score'], 2, /--sheet FILE is required/],
    [['score', '--sheet', SAMPLE, '--frobnicate'], 2, /Unknown option --frobnicate/],
    [['evaluate', '--sheet', SAMPLE], 2, /--outcome COLUMN is required/],
    [
      ['evaluate', '--sheet', SAMPLE, '--outcome', 'Status', '--folds', '1'],
      2,
      /--folds must be a whole number of 2 or more/,
    ],
    [['metrics', '--sheet', SAMPLE, '--from', '2026-13-01'], 2, /--from must be YYYY-MM-DD/],
    [['score', '--sheet', '/nope/customers.csv'], 1, /No such sheet file: \/nope\/customers.csv/],
    [['evaluate', '--sheet', SAMPLE, '--outcome', 'Churny'], 1, /No outcome column "Churny"/],
  ])('%j exits %d with a clear message', (argv, code, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });
});
