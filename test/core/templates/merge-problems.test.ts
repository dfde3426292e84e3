import type { Customer } from '../../../src/core/customers/customer';
import { checkAudience, type Template } from '../../../src/core/templates';
import { groupMergeProblems, rowList } from '../../../src/core/templates/merge-problems';
import { MERGE_CTX } from '../../helpers/merge-context';

const customer = (row: number, raw: Record<string, unknown>): Customer => ({
  row,
  email: String(raw.Email ?? `c${row}@example.com`),
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: { Email: `c${row}@example.com`, 'First name': 'Ana', Company: 'Acme', ...raw },
});

const holiday = (subject: string, body: string): Template => ({
  name: 'Payment holiday',
  subject,
  body,
  row: 4,
});

function problems(t: Template, customers: Customer[]) {
  const check = checkAudience(t, customers, MERGE_CTX);
  return groupMergeProblems({
    template: t,
    customerTab: 'Customers',
    blocked: check.blocked.map((b) => ({ row: b.customer.row, causes: b.causes })),
  });
}

describe('merge problems grouped by cause', () => {
  it('reports a template typo once, with the fix and where, however many rows it blocks', () => {
    const rows = Array.from({ length: 40 }, (_, i) => customer(i + 2, {}));
    const lines = problems(holiday('Hi {{Frist name}}', 'Dear {{Frist name}}, {{Company}}'), rows);
    expect(lines).toEqual([
      {
        recipients: 40,
        text: "{{Frist name}} is not a column — did you mean First name? Fix the template 'Payment holiday' in the Templates tab, row 4 (blocks 40 recipients).",
      },
    ]);
    expect(lines[0]!.text.length).toBeLessThan(200);
  });

  it('groups blanks by field, names each row once and caps the list', () => {
    const rows = [
      ...[5, 9, 14, 20, 21, 22, 30, 31, 40, 41, 50, 60].map((r) => customer(r, { Company: '' })),
      customer(7, { Company: 'Fine' }),
      customer(8, { 'First name': '', Company: '' }),
    ];
    const lines = problems(holiday('Hi {{First name}}', 'News for {{Company}}'), rows);
    expect(lines.map((l) => l.text)).toEqual([
      "Company is blank for 13 recipients: fill the cells in Customers, rows 5, 8, 9, 14, 20, 21, 22, 30 … (+5 more), or give {{Company}} a fallback ({{Company|…}}) in the template 'Payment holiday' in the Templates tab, row 4.",
      "First name is blank for 1 recipient: fill the cells in Customers, row 8, or give {{First name}} a fallback ({{First name|…}}) in the template 'Payment holiday' in the Templates tab, row 4.",
    ]);
  });

  it('says which addresses are unusable and where', () => {
    const lines = problems(holiday('Hi', 'Body'), [customer(3, { Email: 'not-an-address' })]);
    expect(lines.map((l) => l.text)).toEqual([
      'The email address is not usable for 1 recipient: correct it in Customers, row 3.',
    ]);
  });

  it('lists rows sorted, once each', () => {
    expect(rowList([9, 5, 5, 14])).toBe('rows 5, 9, 14');
    expect(rowList([1200])).toBe('row 1,200');
    expect(rowList([1, 2, 3, 4], 2)).toBe('rows 1, 2 … (+2 more)');
  });
});
