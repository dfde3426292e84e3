import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCustomers } from '../../src/core/sheet/read-customers';
import { readTableFile } from '../../src/local/table/table-file';
import { generateSample, SAMPLE_DIR, TODAY } from '../../scripts/sample-data/generate';

const file = (name: string) => path.join(SAMPLE_DIR, name);

describe('bundled sample data', () => {
  it('is what the generator writes, so nobody edits it by hand', () => {
    const fresh = generateSample();
    expect(fs.readFileSync(file('customers.csv'), 'utf8')).toBe(fresh.customersCsv);
    expect(fs.readFileSync(file('inbox.json'), 'utf8')).toBe(fresh.inboxJson);
    expect(generateSample().customersCsv).toBe(fresh.customersCsv);
  });

  const sheet = readTableFile(file('customers.csv')).sheets[0]!;
  const [headers, ...rows] = sheet.values;
  const read = readCustomers({ sheetName: 'Customers', headers: headers!, rows, locale: 'en_US' });

  it('loads with the planted problems reported precisely', () => {
    expect(read.customers).toHaveLength(400);
    expect(read.skippedBlankRows).toEqual([52]);
    expect(read.duplicates).toHaveLength(1);
    const reasons = read.issues.filter((i) => i.severity === 'error').map((i) => `${i.a1}: ${i.reason}`);
    expect(reasons).toEqual(["M9: not a number: 'n/a'", 'H13: formula error #N/A']);
    // Typed money is read, not reported.
    expect(read.customers.find((c) => c.row === 5)?.mrr).toBe(1200.5);
    expect(read.customers.some((c) => c.name === '<script>alert("x")</script> Test Co')).toBe(true);
  });

  it('tells a churn story the signals can see', () => {
    const churned = read.customers.filter((c) => c.status === 'churned');
    const rate = churned.length / read.customers.length;
    expect(rate).toBeGreaterThan(0.12);
    expect(rate).toBeLessThan(0.25);
    expect(churned.every((c) => c.churnDate && c.churnDate < TODAY)).toBe(true);
    const idle = (cs: typeof churned) => {
      const days = cs.filter((c) => c.lastActivity).map((c) => (TODAY.getTime() - c.lastActivity!.getTime()) / 86_400_000);
      days.sort((a, b) => a - b);
      return days[Math.floor(days.length / 2)]!;
    };
    const active = read.customers.filter((c) => c.status === 'active');
    expect(idle(churned)).toBeGreaterThan(idle(active));
    const hurt = (c: (typeof churned)[number]) => ['Travel agency', 'Hotel', 'Events', 'Restaurant', 'Airline'].includes(c.industry ?? '');
    expect(churned.filter(hurt).length / churned.length).toBeGreaterThan(active.filter(hurt).length / active.length);
  });

  it('has an inbox in five languages from real customers, and a few strangers', () => {
    const inbox = JSON.parse(fs.readFileSync(file('inbox.json'), 'utf8')) as { from: string; language: string; intent: string }[];
    expect(new Set(inbox.map((m) => m.language))).toEqual(new Set(['en', 'ru', 'kk', 'tr', 'no']));
    const emails = new Set(read.customers.map((c) => c.email));
    const senders = inbox.map((m) => /<([^>]+)>$/.exec(m.from)?.[1] ?? m.from);
    expect(senders.filter((s) => !emails.has(s))).toHaveLength(3);
    for (const lang of ['ru', 'kk', 'tr', 'no']) {
      expect(inbox.filter((m) => m.language === lang && m.intent !== 'expansion').length).toBeGreaterThanOrEqual(2);
    }
  });
});
