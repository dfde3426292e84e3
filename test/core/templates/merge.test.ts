import * as path from 'node:path';
import type { Customer } from '../../../src/core/customers/customer';
import {
  checkAudience,
  checkTemplate,
  DEFAULT_TEMPLATES,
  mergeTemplate,
  parseParts,
  readTemplates,
  renderBody,
  type Template,
} from '../../../src/core/templates';
import { readCustomers } from '../../../src/core/sheet/read-customers';
import { readTableFile } from '../../../src/local/table/table-file';
import { MERGE_CTX } from '../../helpers/merge-context';

const customer = (over: Partial<Customer> = {}, raw: Record<string, unknown> = {}): Customer => ({
  row: 7,
  email: 'elif@anatolia.example',
  name: 'Elif Öztürk',
  company: 'Anatolia Travel',
  plan: 'Growth',
  mrr: 1200,
  renewalDate: new Date('2027-02-01T00:00:00Z'),
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: { Email: 'elif@anatolia.example', Name: 'Elif Öztürk', Company: 'Anatolia Travel', MRR: 1200, ...raw },
  ...over,
});
const template = (subject: string, body: string, offer?: string): Template => ({
  name: 'T',
  subject,
  body,
  row: 2,
  ...(offer ? { offer } : {}),
});
const merged = (t: Template, c = customer(), ctx = MERGE_CTX) => {
  const r = mergeTemplate(t, c, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.email;
};

describe('placeholders', () => {
  it('reads fields, fallbacks, formatters, chains and quoted fallbacks', () => {
    expect(
      parseParts(
        'Hi {{ First name | there }}, {{MRR|currency}} {{Renewal date|date|soon}} {{Plan|"upper"}}',
      ).filter((p) => p.kind === 'field'),
    ).toEqual([
      {
        kind: 'field',
        field: 'First name',
        formatters: [],
        fallback: 'there',
        raw: '{{ First name | there }}',
        at: 3,
      },
      { kind: 'field', field: 'MRR', formatters: ['currency'], raw: '{{MRR|currency}}', at: 29 },
      {
        kind: 'field',
        field: 'Renewal date',
        formatters: ['date'],
        fallback: 'soon',
        raw: '{{Renewal date|date|soon}}',
        at: 46,
      },
      { kind: 'field', field: 'Plan', formatters: [], fallback: 'upper', raw: '{{Plan|"upper"}}', at: 73 },
    ]);
  });

  it('says where a placeholder is malformed', () => {
    expect(() => parseParts('Hi {{First name')).toThrow('"{{" at character 4 is not closed with "}}"');
    expect(() => parseParts('Hi {{ }}')).toThrow('{{ }} at character 4 has no field name');
    expect(() => parseParts('Hi }} there')).toThrow('"}}" without "{{" at character 4');
    expect(() => parseParts('{{A|x|y}}')).toThrow('has two fallbacks');
  });
});

describe('mergeTemplate', () => {
  it('fills every placeholder form, formats values and uses the offer and sender', () => {
    const email = merged(
      template(
        '{{Company}}: {{Offer}}',
        'Hi {{First name|there}}, your {{MRR|currency}} {{Plan|upper}} plan renews {{Renewal date|long date}}. {{Name|first word}} {{Company|lower}} {{Company|title}} {{Sender name}} of {{Our company}}',
        '30% off',
      ),
    );
    expect(email.subject).toBe('Anatolia Travel: 30% off');
    expect(email.textBody).toBe(
      'Hi Elif, your $1,200 GROWTH plan renews February 1, 2027. Elif anatolia travel Anatolia Travel Aigerim of Nimbus Ops',
    );
    expect(email.to).toBe('elif@anatolia.example');
  });

  it('formats in the sheet locale and the team currency', () => {
    const ctx = { ...MERGE_CTX, locale: 'de_DE', currency: 'EUR' };
    expect(
      merged(
        template('x', '{{MRR|currency}} {{MRR|number}} {{Renewal date|date}}'),
        customer({ mrr: 1234.5 }, { MRR: 1234.5 }),
        ctx,
      ).textBody,
    ).toBe('1.234,50\u00a0€ 1.234,5 01.02.2027'); // Intl puts a no-break space before the sign
  });

  it('reads any column by its header, loosely', () => {
    const c = customer({}, { 'Logins this month': 42, 'Account manager phone': '+47 22 00 00 00' });
    expect(merged(template('x', '{{logins THIS month}} / {{Account-manager phone}}'), c).textBody).toBe(
      '42 / +47 22 00 00 00',
    );
  });

  it('uses the fallback for an empty value and blocks the merge when there is none', () => {
    const c = customer({ name: undefined, firstName: undefined, plan: undefined }, { Name: '', Plan: '' });
    expect(merged(template('x', 'Hi {{First name|there}}'), c).textBody).toBe('Hi there');
    const r = mergeTemplate(template('x', 'Hi {{First name}}, your {{Plan}} plan'), c, MERGE_CTX);
    expect(r).toEqual({
      ok: false,
      missing: [
        { field: 'First name', placeholder: '{{First name}}' },
        { field: 'Plan', placeholder: '{{Plan}}' },
      ],
      problems: [],
      causes: [
        { kind: 'blank', field: 'First name', placeholder: '{{First name}}' },
        { kind: 'blank', field: 'Plan', placeholder: '{{Plan}}' },
      ],
    });
  });

  it('escapes merged values in HTML, keeps them as written in text, and never reads them as markdown', () => {
    const c = customer(
      { company: '<script>alert(1)</script> & "Co"' },
      { Company: '<script>alert(1)</script> & "Co"', Name: '**Bold** [x](https://evil.example)' },
    );
    const email = merged(template('Hi {{Company}}', 'Dear {{Company}}, from {{Name}}'), c);
    expect(email.htmlBody).toBe(
      '<p>Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;, from **Bold** [x](https://evil.example)</p>',
    );
    expect(email.htmlBody).not.toContain('<script>');
    expect(email.htmlBody).not.toContain('<a ');
    expect(email.textBody).toBe(
      'Dear <script>alert(1)</script> & "Co", from **Bold** [x](https://evil.example)',
    );
    expect(email.subject).toBe('Hi <script>alert(1)</script> & "Co"');
  });

  it('strips line breaks and control characters from the subject (no header injection)', () => {
    const c = customer(
      { company: 'Acme\r\nBcc: all@evil.example' },
      { Company: 'Acme\r\nBcc: all@evil.example' },
    );
    expect(merged(template('Hello {{Company}}\n', 'x'), c).subject).toBe('Hello Acme Bcc: all@evil.example');
  });

  it('keeps emoji and non-Latin scripts in subject and body', () => {
    const c = customer(
      { name: 'Нурлан Қасымов', company: 'Алматы 🚀 Logistics' },
      { Name: 'Нурлан Қасымов', Company: 'Алматы 🚀 Logistics' },
    );
    const email = merged(template('🎉 {{Company}} için özel teklif', 'Сәлеметсіз бе, {{First name}}! 💚'), c);
    expect(email.subject).toBe('🎉 Алматы 🚀 Logistics için özel teklif');
    expect(email.textBody).toBe('Сәлеметсіз бе, Нурлан! 💚');
    expect(email.htmlBody).toBe('<p>Сәлеметсіз бе, Нурлан! 💚</p>');
  });

  it('URL-encodes merged values inside links', () => {
    const email = merged(template('x', '[Book a call](https://cal.example/book?c={{Company}})'));
    expect(email.htmlBody).toBe(
      '<p><a href="https://cal.example/book?c=Anatolia%20Travel">Book a call</a></p>',
    );
    expect(email.textBody).toBe('Book a call (https://cal.example/book?c=Anatolia Travel)');
  });

  it('refuses an invalid recipient address and an unknown field, with did-you-mean', () => {
    expect(mergeTemplate(template('x', 'y'), customer({ email: 'not-an-address' }), MERGE_CTX)).toMatchObject(
      {
        ok: false,
        problems: ["invalid email address 'not-an-address'"],
      },
    );
    const r = mergeTemplate(template('x', 'Hi {{Frist name}}'), customer(), MERGE_CTX);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatch(
      /^\{\{Frist name\}\}: unknown field "Frist name" \(did you mean "First name"\?\); fields are First name, /,
    );
  });
});

describe('markdown bodies', () => {
  it('renders the safe subset and escapes everything else', () => {
    const r = renderBody(
      'Hi **there** and *you*.\nSecond line <b>raw</b>\n\n- one\n- [two](https://x.example)\n\n[bad](javascript:alert(1))',
    );
    expect(r.html).toBe(
      '<p>Hi <b>there</b> and <i>you</i>.<br>Second line &lt;b&gt;raw&lt;/b&gt;</p>\n<ul><li>one</li><li><a href="https://x.example">two</a></li></ul>\n<p>[bad](javascript:alert(1))</p>',
    );
    expect(r.text).toBe(
      'Hi there and you.\nSecond line <b>raw</b>\n\n- one\n- two (https://x.example)\n\n[bad](javascript:alert(1))',
    );
  });
});

describe('checking before a send', () => {
  it('checks placeholders against the sheet columns', () => {
    expect(
      checkTemplate(template('{{Company}}', '{{Compnay}} {{MRR|currency}}'), ['Email', 'Company', 'MRR']),
    ).toEqual([
      expect.stringMatching(/^\{\{Compnay\}\}: unknown field "Compnay" \(did you mean "Company"\?\)/),
    ]);
    expect(checkTemplate(template('{{Company', 'x'), [])).toEqual([
      'subject: "{{" at character 1 is not closed with "}}"',
    ]);
  });

  it('lists every recipient who would get a blank, with the sheet row', () => {
    const ok = customer();
    const blank = customer({ email: 'b@x.example', row: 12, company: undefined }, { Company: '' });
    const check = checkAudience(template('Hi {{Company}}', 'x'), [ok, blank], MERGE_CTX);
    expect(check.ready).toEqual([ok]);
    expect(check.blocked.map((b) => [b.customer.row, b.missing])).toEqual([[12, ['{{Company}}']]]);
    expect(check.blocked[0]!.reason).toBe('no value for Company ({{Company}})');
    expect([...check.merged.keys()]).toEqual([ok.email]);
  });
});

describe('the Templates tab', () => {
  it('reads good rows, reports bad ones by cell, and refuses duplicates', () => {
    const read = readTemplates([
      ['Name', 'Subject', 'Body', 'Segment', 'Offer'],
      ['Relief', 'Hi {{Company}}', 'Body', 'Severe', ''],
      ['', '', '', '', ''],
      ['No subject', '', 'Body'],
      ['Broken', 'Hi', 'Hi {{Company'],
      ['relief', 'Again', 'Body'],
    ]);
    expect(read.templates).toEqual([
      { name: 'Relief', subject: 'Hi {{Company}}', body: 'Body', segment: 'Severe', row: 2 },
    ]);
    expect(read.issues).toEqual([
      'Templates!B4 (Subject): empty subject',
      'Templates!C5 (Body): "{{" at character 4 is not closed with "}}"',
      "Templates!A6 (Name): duplicate template 'relief' without a Language; row 2 is used",
    ]);
    expect(readTemplates([['Name', 'Text']]).issues).toEqual([
      'Templates!1: missing columns Subject, Body; the header row needs Name, Subject and Body',
    ]);
  });

  it('merges every default template and every bundled sample template for a sample customer', () => {
    const table = readTableFile(path.resolve(__dirname, '../../../sample/customers.csv')).sheets[0]!.values;
    const sample = readCustomers({
      sheetName: 'Customers',
      headers: table[0]!,
      rows: table.slice(1, 40),
      locale: 'en_US',
    });
    const active = sample.customers.find(
      (c) => c.status === 'active' && c.name && c.company && c.plan && c.industry,
    )!;
    const defaults = readTemplates(DEFAULT_TEMPLATES.map((r) => [...r]));
    const bundled = readTemplates(
      readTableFile(path.resolve(__dirname, '../../../sample/templates.csv')).sheets[0]!.values,
    );
    expect(defaults.issues).toEqual([]);
    expect(bundled.issues).toEqual([]);
    for (const t of [...defaults.templates, ...bundled.templates]) {
      const r = mergeTemplate(t, active, MERGE_CTX);
      expect({ name: t.name, ok: r.ok, r: r.ok ? '' : r }).toEqual({ name: t.name, ok: true, r: '' });
    }
  });
});
