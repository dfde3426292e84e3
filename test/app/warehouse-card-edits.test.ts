/**
 * Issue 21, the customer card on the BigQuery store (through the dispatcher, the real handlers and
 * the BigQuery stand-in on DuckDB): the tags card offers the team's tags, most used first and
 * bounded; the crisis-impact override is offered with what the rules give, saved as an appended
 * change, and cleared back to the rules; Mark churned records today's churn date (Mark saved clears
 * it); the card lists the newest notes; adding an unknown sender says where customers come from.
 * Assertions are on the card descriptions the user sees.
 */
import type { Card, Widget } from '../../src/ui/card/types';
import { buildMessageCards } from '../../src/app/handlers/message';
import { parseAddonEvent } from '../../src/app/events';
import { whereToAddCustomer } from '../../src/app/warehouse-add-customer';
import type { Settings } from '../../src/core/settings/settings';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(60), {
    'Impact rules': [
      ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
      ['Pro plans', 'Plan', 'contains', 'Pro', 'Hit'],
    ],
  });
}, 60_000);

afterAll(() => w.close());

const emailAt = (i: number) => String(w.rows[i]![0]);
const widgets = (card: Card): Widget[] => card.sections.flatMap((s) => s.widgets);
const selection = (card: Card, name: string) => {
  const found = widgets(card).find((x) => x.kind === 'selectionInput' && x.name === name);
  if (!found || found.kind !== 'selectionInput') throw new Error(`no selection input ${name}`);
  return found;
};
const tagsWasOf = (card: Card): string[] => {
  const m = /"tagsWas":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(card));
  if (!m) throw new Error('the tags card carries no tagsWas');
  return JSON.parse(JSON.parse(`"${m[1]}"`)) as string[];
};
const calls = <T>(f: () => T): { value: T; calls: number } => {
  const before = w.warehouse.traffic.calls;
  const value = f();
  return { value, calls: w.warehouse.traffic.calls - before };
};
/**
 * One second passes between a person's clicks (a card callback takes longer than that): changes
 * stamped in the same millisecond are ordered by their random ids, as two teammates' would be.
 */
const later = () => w.warehouse.world.clock.advance(1000);
const openTags = (email: string) => shownCard(act(w.warehouse.ctx(), 'openTags', { email }));
const saveTags = (email: string, card: Card, form: Record<string, string | string[]>, impactWas = '') => {
  later();
  return act(
    w.warehouse.ctx(),
    'saveTags',
    { email, impactWas, tagsWas: JSON.stringify(tagsWasOf(card)) },
    { tags: tagsWasOf(card), ...form },
  );
};

describe('the tags card on the BigQuery store', () => {
  it("offers the team's tags, most used first, from one extra query", () => {
    // A customer with no tags still sees the team's vocabulary (it was empty before).
    const untagged = w.rows.findIndex((r) => r[13] === '');
    const { value: card, calls: n } = calls(() => openTags(emailAt(untagged)));
    const items = selection(card, 'tags').items.map((i) => i.text);
    expect(items).toEqual(expect.arrayContaining(['vip', 'paused', 'crisis-hit']));
    expect(selection(card, 'tags').items.every((i) => !i.selected)).toBe(true);
    // The customer lookup and the vocabulary (the column mapping is cached from the first card).
    expect(n).toBeLessThanOrEqual(3);
    expect(calls(() => openTags(emailAt(untagged))).calls).toBe(2);

    // A teammate's new tag on another customer is offered at once (the views hold it).
    const other = emailAt(3);
    saveTags(other, openTags(other), { newTag: 'renewal-2027' });
    const again = selection(openTags(emailAt(untagged)), 'tags').items.map((i) => i.text);
    expect(again).toContain('renewal-2027');
  });
});

const showCustomer = (email: string) => shownCard(act(w.warehouse.ctx(), 'showCustomer', { email }));
const fact = (card: Card, label: string) => {
  const found = widgets(card).find((x) => x.kind === 'decoratedText' && x.topLabel === label);
  return found && found.kind === 'decoratedText' ? found.text : undefined;
};
const impactItems = (card: Card) =>
  selection(card, 'impact')
    .items.filter((i) => i.selected)
    .map((i) => i.text);
const impactWasOf = (card: Card): string => {
  const m = /"impactWas":"([^"]*)"/.exec(JSON.stringify(card));
  if (!m) throw new Error('the tags card carries no impactWas');
  return m[1]!;
};

describe('the crisis-impact override on the BigQuery store', () => {
  const pro = () => w.rows.findIndex((r) => r[3] === 'Pro');

  it('offers the override with what the rules give, as the sheet does', () => {
    const email = emailAt(pro());
    const fromWarehouse = selection(openTags(email), 'impact');
    const fromSheet = selection(shownCard(act(w.sheet.ctx(), 'openTags', { email })), 'impact');
    expect(fromWarehouse).toEqual(fromSheet);
    expect(impactItems(openTags(email))).toEqual(['From the impact rules (Hit)']);
  });

  it('sets it by hand (one appended change), shows it, and clearing it returns to the rules', () => {
    const email = emailAt(pro());
    const card = openTags(email);
    const { value: saved, calls: n } = calls(() =>
      saveTags(email, card, { impact: 'Severe' }, impactWasOf(card)),
    );
    expect(JSON.stringify(saved)).toContain('crisis impact set to Severe by hand');
    // The impact change's INSERT and the customer card read back (no tag changed: no tags INSERT).
    expect(n).toBe(2);
    expect(fact(showCustomer(email), 'Crisis impact')).toMatch(/^Severe/);
    const again = openTags(email);
    expect(impactItems(again)).toEqual(['Severe']);
    expect(impactWasOf(again)).toBe('Severe');

    const cleared = saveTags(email, again, { impact: '' }, 'Severe');
    expect(JSON.stringify(cleared)).toContain('crisis impact back to the rules');
    expect(impactItems(openTags(email))).toEqual(['From the impact rules (Hit)']);
    expect(fact(showCustomer(email), 'Crisis impact')).toMatch(/^Hit/);
  });

  it('two teammates set it at once: the later change wins for both, and tags are kept', () => {
    const email = emailAt(pro());
    const sofia = openTags(email);
    const lars = openTags(email);
    // A tag and the impact: one INSERT into each change table, then the card read back.
    expect(calls(() => saveTags(email, sofia, { impact: 'Stable', newTag: 'sofia-was-here' })).calls).toBe(3);
    saveTags(email, lars, { impact: 'Booming' });
    const after = openTags(email);
    expect(impactItems(after)).toEqual(['Booming']);
    expect(tagsWasOf(after)).toContain('sofia-was-here');
  });

  it('an impact that is not one of the choices is refused by name, and nothing is saved', () => {
    const email = emailAt(pro() + 1);
    const card = openTags(email);
    const before = impactItems(card);
    expect(() => saveTags(email, card, { impact: 'Catastrophic', newTag: 'lost' })).toThrow(
      /"Catastrophic" is not a crisis impact/,
    );
    const after = openTags(email);
    expect(impactItems(after)).toEqual(before);
    expect(tagsWasOf(after)).not.toContain('lost');
  });
});

describe('Mark churned and Mark saved on the BigQuery store', () => {
  it("records today's churn date as the sheet does, and Mark saved clears it, in two INSERTs", () => {
    const index = w.rows.findIndex((r, i) => i > 20 && r[14] === 'active');
    const email = emailAt(index);
    later();
    const { value: churned, calls: n } = calls(() =>
      act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' }),
    );
    expect(JSON.stringify(churned)).toContain('Marked as churned, with today’s date');
    // Status, churn date and the note: two tables (customer_changes, notes), then the card read back.
    expect(n).toBe(3);
    const today = w.warehouse.world.clock.now().toISOString().slice(0, 10);
    expect(fact(shownCard(churned), 'Status')).toBe(`Churned on ${today}`);
    // The same click on the sheet writes the same day.
    const sheet = shownCard(act(w.sheet.ctx(), 'markStatus', { email, status: 'churned' }));
    expect(fact(sheet, 'Status')).toBe(fact(shownCard(churned), 'Status'));

    later();
    const saved = shownCard(act(w.warehouse.ctx(), 'markStatus', { email, status: 'saved' }));
    expect(fact(saved, 'Status')).toBeUndefined();
    later();
    const again = shownCard(act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' }));
    expect(fact(again, 'Status')).toBe(`Churned on ${today}`);
  });

  it('the churn date reaches the customers view the month trend reads', () => {
    const email = emailAt(w.rows.findIndex((r, i) => i > 30 && r[14] === 'active'));
    later();
    act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' });
    const [row] = w.db.run('SELECT status, churn_ms FROM customers_current WHERE email = $e', {
      e: email,
    }).rows;
    const now = w.warehouse.world.clock.now();
    expect(row!.map(String)).toEqual([
      'churned',
      String(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    ]);
  });
});

describe('notes on the customer card with the BigQuery store', () => {
  it('lists the newest three notes from the notes view, newest first, within the one lookup', () => {
    const email = emailAt(40);
    const texts = ['First call', `said "no" and it's final`, 'Sent the renewal offer', 'Agreed to a pilot'];
    for (const note of texts) {
      later();
      // One INSERT into notes and the card read back.
      expect(calls(() => act(w.warehouse.ctx(), 'saveNote', { email }, { note })).calls).toBe(2);
    }
    // Another customer's note is not theirs.
    act(w.warehouse.ctx(), 'saveNote', { email: emailAt(41) }, { note: 'Not about 40' });
    const { value: card, calls: n } = calls(() => showCustomer(email));
    expect(n).toBe(1);
    const notes = card.sections.find((s) => s.header?.startsWith('Latest notes'));
    const shown = (notes?.widgets ?? []).flatMap((x) => (x.kind === 'decoratedText' ? [x.text] : []));
    expect(shown).toEqual(['Agreed to a pilot', 'Sent the renewal offer', `said "no" and it's final`]);
    expect(JSON.stringify(notes)).toContain('2026-11-20');
  });

  it('the note card says the note goes to BigQuery, not the Notes tab', () => {
    const card = shownCard(act(w.warehouse.ctx(), 'openNote', { email: emailAt(40) }));
    expect(card.header?.subtitle).toBe('Saved to BigQuery with your name and the time');
  });

  it('a customer without notes has no notes section', () => {
    const card = showCustomer(emailAt(42));
    expect(card.sections.some((s) => s.header?.startsWith('Latest notes'))).toBe(false);
  });
});

describe('an unknown sender with the BigQuery store', () => {
  const open = (from: string, id: string) => {
    w.warehouse.world.gmail.seed([
      {
        id,
        threadId: `t-${id}`,
        from,
        to: 'am@nimbus.example',
        subject: 'Hello',
        date: '2026-11-20T09:00:00Z',
        plainBody: 'Can we talk about pricing?',
        accessToken: `token-${id}`,
      },
    ]);
    const event = parseAddonEvent({
      commonEventObject: { hostApp: 'GMAIL' },
      gmail: { messageId: id, accessToken: `token-${id}` },
    });
    return buildMessageCards(w.warehouse.ctx(), event)[0]!;
  };

  it('says where to add them (the table the team loads) instead of offering a sheet row', () => {
    const card = open('New Person <new.person@gmail.com>', 'unknown-1');
    const text = JSON.stringify(card);
    expect(text).not.toContain('Add to customer sheet');
    expect(text).toContain('new.person@gmail.com is not in your customer table');
    expect(text).toContain(
      'add them where your team loads acme-proj.churnguard.customers from: ChurnGuard reads customers from that table',
    );
    // The sheet store still offers the row.
    w.sheet.world.gmail.seed([
      {
        id: 'unknown-1',
        threadId: 't',
        from: 'New Person <new.person@gmail.com>',
        to: 'am@nimbus.example',
        subject: 'Hello',
        date: '2026-11-20T09:00:00Z',
        plainBody: 'Hi',
        accessToken: 'token-unknown-1',
      },
    ]);
    const sheetCard = buildMessageCards(
      w.sheet.ctx(),
      parseAddonEvent({
        commonEventObject: { hostApp: 'GMAIL' },
        gmail: { messageId: 'unknown-1', accessToken: 'token-unknown-1' },
      }),
    )[0]!;
    expect(JSON.stringify(sheetCard)).toContain('Add to customer sheet');
  });

  it('an add from an older card is refused with where to add them, and no row or change is written', () => {
    const before = Number(w.db.run('SELECT COUNT(*) FROM customers', {}).rows[0]![0]);
    expect(() => act(w.warehouse.ctx(), 'addCustomer', { email: 'New@Nimbus.example', name: 'New' })).toThrow(
      /add them where your team loads acme-proj\.churnguard\.customers from/,
    );
    expect(Number(w.db.run('SELECT COUNT(*) FROM customers', {}).rows[0]![0])).toBe(before);
    expect(() => act(w.warehouse.ctx(), 'addCustomer', { email: 'not an address', name: '' })).not.toThrow();
  });

  it('with a source table in Settings, names it and the daily sync', () => {
    const settings = whereToAddCustomer(
      {
        store: {
          kind: 'bigquery',
          projectId: 'acme-proj',
          datasetId: 'churnguard',
          source: 'crm-proj.sales.accounts',
        },
      } as Settings,
      'x@y.example',
    );
    expect(settings).toBe(
      'To add x@y.example, add them to your source table crm-proj.sales.accounts: ChurnGuard reads customers from it at the daily sync, or at once with Settings → Refresh from source.',
    );
  });
});
