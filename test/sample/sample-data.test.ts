/** The bundled sample data: generated, never hand-edited, and telling the story the product needs. */
import { readImpactRules, readSegments } from '../../src/core/segments';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Customer } from '../../src/core/customers/customer';
import { readCustomers } from '../../src/core/sheet/read-customers';
import { scoreCustomer } from '../../src/core/risk/scorecard';
import { parseCsv } from '../../src/local/table/csv';
import { readTableFile } from '../../src/local/table/table-file';
import {
  generateSample,
  HEADERS,
  INDUSTRIES,
  OWNERS,
  PLANTED,
  SAMPLE_DIR,
  IMPACT_RULES,
  TEAM_INBOX,
  TODAY,
  type InboxMessage,
} from '../../scripts/generate-sample-data';

const file = (name: string) => path.join(SAMPLE_DIR, name);
const DAY = 86_400_000;
const sample = generateSample();

describe('the generator', () => {
  it('is deterministic', () => {
    expect(generateSample().files).toEqual(sample.files);
  });

  it('wrote the committed files, so nobody edits them by hand', () => {
    for (const [name, text] of Object.entries(sample.files)) {
      expect([name, fs.readFileSync(file(name), 'utf8')]).toEqual([name, text]);
    }
  });
});

const sheet = readTableFile(file('customers.csv')).sheets[0]!;
const [headers, ...rows] = sheet.values;
const read = readCustomers({ sheetName: 'Customers', headers: headers!, rows, locale: 'en_US' });
const customers = read.customers;
const churned = customers.filter((c) => c.status === 'churned');
const active = customers.filter((c) => c.status === 'active');

describe('customers.csv', () => {
  it('has the headers a real team would type, and 400 customers', () => {
    expect(headers).toEqual([...HEADERS]);
    expect(sheet.name).toBe('Customers');
    expect(customers).toHaveLength(400);
  });

  it('holds every planted row where sample/README.md says', () => {
    const raw = parseCsv(fs.readFileSync(file('customers.csv'), 'utf8'));
    for (const p of sample.planted) {
      const row = raw[p.dataRow]!;
      if (p.column) expect([p.dataRow, row[HEADERS.indexOf(p.column)]]).toEqual([p.dataRow, p.value]);
      else expect(row.every((c) => c === '')).toBe(true);
    }
    const readme = fs.readFileSync(file('README.md'), 'utf8');
    for (const p of sample.planted) expect(readme).toContain(`| ${p.dataRow} |`);
    expect(sample.planted.map((p) => p.value)).toEqual(
      expect.arrayContaining([
        '$1,200.50',
        'n/a',
        '#N/A',
        '<script>alert("x")</script> Test Co',
        'Иван Петров',
        'Жанар Абенова',
        'Kari Ølstad',
        'Mehmet Öztürk',
      ]),
    );
    expect(sample.planted.find((p) => p.column === 'Company')!.value).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('loads with the planted problems reported precisely', () => {
    expect(read.skippedBlankRows).toEqual([PLANTED.blankRow + 1]);
    expect(read.duplicates).toHaveLength(1);
    const reasons = read.issues.filter((i) => i.severity === 'error').map((i) => `${i.a1}: ${i.reason}`);
    expect(reasons).toEqual([
      `M${PLANTED.naNumber + 1}: not a number: 'n/a'`,
      `H${PLANTED.formulaError + 1}: formula error #N/A`,
    ]);
    // Typed money is read, not reported.
    expect(customers.find((c) => c.row === PLANTED.moneyAsText + 1)?.mrr).toBe(1200.5);
    expect(customers.find((c) => c.row === PLANTED.markupName + 1)?.name).toBe(
      '<script>alert("x")</script> Test Co',
    );
  });

  it('uses only reserved domains, and the account team as owners', () => {
    const owners = new Set<string>(OWNERS.map((o) => o.email));
    for (const c of customers) {
      expect(c.email).toMatch(/@[a-z0-9-]+\.example$/);
      expect(owners.has(c.owner ?? '')).toBe(true);
    }
  });

  it('leaves crisis impact blank for most rows, for the segment rules to derive', () => {
    const typed = customers.filter((c) => c.impact);
    expect(typed.length).toBeGreaterThanOrEqual(4);
    expect(typed.length).toBeLessThan(customers.length * 0.05);
  });
});

describe('the churn story', () => {
  // Signals as of the day the customer left (today for active customers), as the model reads them.
  const asOf = (c: Customer) => (c.status === 'churned' && c.churnDate ? c.churnDate : TODAY);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const idle = (c: Customer) => (asOf(c).getTime() - c.lastActivity!.getTime()) / DAY;
  const usage = (c: Customer) => c.activityThisPeriod! / Math.max(1, c.activityLastPeriod!) - 1;
  const withData = (cs: Customer[], f: (c: Customer) => number) =>
    cs.map(f).filter((x) => Number.isFinite(x));

  it('has a realistic churn rate, with churn dates over the past 18 months', () => {
    const rate = churned.length / customers.length;
    expect(rate).toBeGreaterThan(0.12);
    expect(rate).toBeLessThan(0.22);
    const earliest = new Date(TODAY.getTime() - 548 * DAY);
    expect(churned.every((c) => c.churnDate! < TODAY && c.churnDate! >= earliest)).toBe(true);
    expect(active.every((c) => !c.churnDate)).toBe(true);
  });

  it('shows churned customers worse on every signal the scorecard reads', () => {
    const has = (c: Customer) => c.lastActivity !== undefined;
    expect(median(withData(churned.filter(has), idle))).toBeGreaterThan(2 * median(withData(active.filter(has), idle)));
    expect(median(withData(churned, usage))).toBeLessThan(median(withData(active, usage)));
    expect(mean(churned.map((c) => c.overdueInvoices ?? 0))).toBeGreaterThan(
      mean(active.map((c) => c.overdueInvoices ?? 0)),
    );
    expect(median(withData(churned, (c) => c.nps ?? NaN))).toBeLessThan(median(withData(active, (c) => c.nps ?? NaN)));
    expect(mean(churned.map((c) => c.openTickets! + c.complaints!))).toBeGreaterThan(
      mean(active.map((c) => c.openTickets! + c.complaints!)),
    );
    const early = (cs: Customer[]) =>
      cs.filter((c) => (asOf(c).getTime() - c.startDate!.getTime()) / DAY < 180).length / cs.length;
    expect(early(churned)).toBeGreaterThan(early(active));
  });

  it('hits the hurt industries hardest and spares the booming ones', () => {
    const group = (c: Customer) => INDUSTRIES.find((i) => i.name === c.industry)!.group;
    const rate = (g: string) => {
      const cs = customers.filter((c) => group(c) === g);
      return cs.filter((c) => c.status === 'churned').length / cs.length;
    };
    expect(rate('hurt')).toBeGreaterThan(rate('stable'));
    expect(rate('stable')).toBeGreaterThan(rate('booming'));
    // Hurt industries mostly churned after the crisis began.
    const hurtChurn = churned.filter((c) => group(c) === 'hurt');
    expect(hurtChurn.filter((c) => c.churnDate! >= new Date('2026-03-01')).length / hurtChurn.length).toBeGreaterThan(
      0.6,
    );
  });

  it('lets the scorecard rank churners above stayers, well but not perfectly', () => {
    const segmentImpact = (c: Customer) => {
      const rule = IMPACT_RULES.find((s) => (c.industry ?? '').toLowerCase().includes(s[3]!) && s[3]);
      return (rule?.[4] ?? 'Stable').toLowerCase() as 'severe' | 'hit' | 'stable' | 'booming';
    };
    const scores = customers.map((c) => ({
      y: c.status === 'churned',
      s: scoreCustomer({ ...c, status: 'active' }, { today: asOf(c), segmentImpact: segmentImpact(c) }).score ?? 0,
    }));
    let wins = 0;
    let pairs = 0;
    for (const a of scores)
      if (a.y)
        for (const b of scores)
          if (!b.y) {
            pairs++;
            wins += a.s > b.s ? 1 : a.s === b.s ? 0.5 : 0;
          }
    const auc = wins / pairs;
    expect(auc).toBeGreaterThan(0.72);
    expect(auc).toBeLessThan(0.97);
  });
});

describe('inbox.json', () => {
  const inbox = JSON.parse(fs.readFileSync(file('inbox.json'), 'utf8')) as InboxMessage[];
  const byEmail = new Map(customers.map((c) => [c.email, c]));
  const address = (header: string) => (/<([^>]+)>$/.exec(header)?.[1] ?? header).toLowerCase();

  it('is 40 Gmail-like messages, newest first, with unique ids', () => {
    expect(inbox).toHaveLength(40);
    for (const m of inbox) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(['id', 'threadId', 'from', 'to', 'subject', 'date', 'plainBody', 'htmlBody']),
      );
      expect(m.to).toBe(TEAM_INBOX);
      expect(new Date(m.date).toISOString()).toBe(m.date);
      expect(new Date(m.date) < new Date(TODAY.getTime() + DAY)).toBe(true);
      expect(m.htmlBody.length).toBeGreaterThan(0);
    }
    expect(new Set(inbox.map((m) => m.id)).size).toBe(40);
    expect(new Set(inbox.map((m) => m.threadId)).size).toBe(40);
    const dates = inbox.map((m) => m.date);
    expect(dates).toEqual([...dates].sort().reverse());
    // The newest email is a customer's, so the workbench opens on a customer card.
    expect(byEmail.has(address(inbox[0]!.from))).toBe(true);
  });

  it('comes from customers who speak its language, and from exactly 3 strangers', () => {
    const strangers = inbox.filter((m) => !byEmail.has(address(m.from)));
    expect(strangers).toHaveLength(3);
    expect(strangers.every((m) => m.intent === 'none')).toBe(true);
    const domains = new Set(customers.map((c) => c.email.split('@')[1]));
    expect(strangers.filter((m) => domains.has(address(m.from).split('@')[1])).length).toBe(1);
    for (const m of inbox.filter((x) => byEmail.has(address(x.from)))) {
      const c = byEmail.get(address(m.from))!;
      expect([m.id, c.raw['Language']]).toEqual([m.id, m.language]);
      // Nobody who already left writes in to cancel.
      expect(c.status).toBe('active');
    }
  });

  it('covers every language, with at least two churn intents in each non-English one', () => {
    expect(new Set(inbox.map((m) => m.language))).toEqual(new Set(['en', 'ru', 'kk', 'tr', 'no']));
    for (const lang of ['ru', 'kk', 'tr', 'no']) {
      const kinds = new Set(
        inbox.filter((m) => m.language === lang && m.intent !== 'expansion' && m.intent !== 'none').map((m) => m.intent),
      );
      expect([lang, kinds.size >= 2]).toEqual([lang, true]);
    }
    expect(new Set(inbox.map((m) => m.intent))).toEqual(
      new Set([
        'cancellation',
        'nonRenewal',
        'competitor',
        'price',
        'paymentDelay',
        'complaint',
        'downgrade',
        'expansion',
        'none',
      ]),
    );
  });

  it('reads like business email: greetings, signatures, quoted replies, copies', () => {
    const replies = inbox.filter((m) => /^Re: /.test(m.subject));
    expect(replies.length).toBeGreaterThanOrEqual(5);
    for (const m of replies) expect(m.plainBody).toMatch(/\n> /);
    expect(inbox.filter((m) => m.cc).length).toBeGreaterThanOrEqual(5);
    for (const m of inbox.filter((x) => byEmail.has(address(x.from)) && x.intent !== 'none'))
      expect(m.plainBody).toContain(byEmail.get(address(m.from))!.name!.split(' ')[0]!);
  });

  it('uses only reserved domains', () => {
    const text = JSON.stringify(inbox);
    const domains = [...text.matchAll(/[\w.+-]+@([\w.-]+\.[a-z]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(domains.length).toBeGreaterThan(40);
    for (const d of domains) expect(d).toMatch(/\.example$/);
  });

  it('escapes text in the HTML part, except in the one deliberately hostile email', () => {
    const hostile = inbox.filter((m) => /onerror=/.test(m.htmlBody));
    expect(hostile).toHaveLength(1);
    expect(hostile[0]!.from).toContain('<script>');
    for (const m of inbox.filter((x) => x !== hostile[0])) expect(m.htmlBody).not.toMatch(/<(?:script|img)/);
  });
});

describe('the other tabs: templates, impact rules, segments, settings', () => {
  const tabs = readTableFile(SAMPLE_DIR).sheets;

  it('make the sample folder one spreadsheet, a tab per CSV file', () => {
    expect(tabs.map((t) => t.name)).toEqual(['Customers', 'Impact rules', 'Segments', 'Templates', 'Settings']);
  });

  it('has saved segments that parse against the sample columns, each with members and a playbook', () => {
    const customersTab = tabs.find((t) => t.name === 'Customers')!;
    const headers = customersTab.values[0]!.map(String);
    const read = readSegments(tabs.find((t) => t.name === 'Segments')!.values, headers);
    expect(read.issues).toEqual([]);
    expect(read.segments.length).toBeGreaterThanOrEqual(5);
    expect(read.segments.every((s) => s.playbook)).toBe(true);
    const rules = readImpactRules(tabs.find((t) => t.name === 'Impact rules')!.values, headers);
    expect(rules.issues).toEqual([]);
  });

  it('has the retention templates, with merge fields and fallbacks', () => {
    const [head, ...templates] = tabs.find((t) => t.name === 'Templates')!.values;
    expect(head).toEqual(['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language']);
    expect([...new Set(templates.map((t) => t[0]))]).toEqual([
      'Payment holiday',
      'Installments',
      'Discount',
      'Upsell',
      'Reactivation',
      'Check-in',
      'Save offer',
      'Competitor comparison',
    ]);
    // The main offers and the replies in Russian, Kazakh and Turkish too (issue 20).
    for (const name of ['Payment holiday', 'Installments', 'Discount', 'Save offer', 'Competitor comparison'])
      expect(templates.filter((t) => t[0] === name).map((t) => t[5])).toEqual(['', 'ru', 'kk', 'tr']);
    const bodies = templates.map((t) => String(t[2])).join('\n');
    for (const field of ['{{First name|there}}', '{{Company}}', '{{MRR|currency}}']) expect(bodies).toContain(field);
  });

  it('gives every industry the crisis impact of its group, first matching rule winning', () => {
    const [head, ...rules] = tabs.find((t) => t.name === 'Impact rules')!.values;
    expect(head).toEqual(['Rule name', 'Column', 'Operator', 'Value', 'Impact']);
    for (const industry of INDUSTRIES) {
      const rule = rules.find(
        (r) => r[2] === 'is not empty' || (r[2] === 'contains' && industry.name.toLowerCase().includes(String(r[3]))),
      )!;
      expect([industry.name, String(rule[4]).toLowerCase()]).toEqual([industry.name, industry.impact]);
    }
  });
});
