/**
 * Issue 21, the customer card on the BigQuery store (through the dispatcher, the real handlers and
 * the BigQuery stand-in on DuckDB): the tags card offers the team's tags, most used first and
 * bounded; the crisis-impact override is offered with what the rules give, saved as an appended
 * change, and cleared back to the rules; Mark churned records today's churn date (Mark saved clears
 * it); the card lists the newest notes; adding an unknown sender says where customers come from.
 * Assertions are on the card descriptions the user sees.
 */
import type { Card, Widget } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(60));
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
const openTags = (email: string) => shownCard(act(w.warehouse.ctx(), 'openTags', { email }));
const saveTags = (email: string, card: Card, form: Record<string, string | string[]>, impactWas = '') =>
  act(
    w.warehouse.ctx(),
    'saveTags',
    { email, impactWas, tagsWas: JSON.stringify(tagsWasOf(card)) },
    { tags: tagsWasOf(card), ...form },
  );

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
