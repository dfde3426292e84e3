/**
 * Issue 21: the customer card's edits with the BigQuery store go to the append-only change tables
 * (through the dispatcher, the real handlers and the BigQuery stand-in on DuckDB), and the card read
 * back shows them. Two teammates who opened the same customer's tags card and each added a tag both
 * keep theirs: a save appends only the difference from what its card showed, where the sheet path
 * writes the whole Tags cell and the second save drops the first one's tag.
 */
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(60));
}, 60_000);

afterAll(() => w.close());

const emailAt = (i: number) => String(w.rows[i]![0]);
const tagsWasOf = (card: unknown): string[] => {
  const m = /"tagsWas":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(card));
  if (!m) throw new Error('the tags card carries no tagsWas');
  return JSON.parse(JSON.parse(`"${m[1]}"`)) as string[];
};

describe('customer card edits with the BigQuery store', () => {
  it('two teammates tag the same customer at once: both tags stay', () => {
    const email = emailAt(7);
    const sofiaCard = shownCard(act(w.warehouse.ctx(), 'openTags', { email }));
    const larsCard = shownCard(act(w.warehouse.ctx(), 'openTags', { email }));
    const shown = tagsWasOf(sofiaCard);
    expect(tagsWasOf(larsCard)).toEqual(shown);
    const save = (card: unknown, tag: string) =>
      act(
        w.warehouse.ctx(),
        'saveTags',
        { email, impactWas: '', tagsWas: JSON.stringify(tagsWasOf(card)) },
        { tags: shown, newTag: tag },
      );
    save(sofiaCard, 'renewal-risk');
    save(larsCard, 'champion');
    const after = tagsWasOf(shownCard(act(w.warehouse.ctx(), 'openTags', { email })));
    expect(after).toEqual(expect.arrayContaining([...shown, 'renewal-risk', 'champion']));

    // The same two saves on the sheet: the Tags cell keeps the last writer's list only.
    const sheetSave = (tag: string) =>
      act(w.sheet.ctx(), 'saveTags', { email, impactWas: '' }, { tags: shown, newTag: tag });
    sheetSave('renewal-risk');
    sheetSave('champion');
    const sheetCard = JSON.stringify(shownCard(act(w.sheet.ctx(), 'openTags', { email })));
    expect(sheetCard).toContain('champion');
    expect(sheetCard).not.toContain('renewal-risk');
  });

  it('removing a tag, marking churned and a note show on the card read back', () => {
    const email = emailAt(9);
    const card = shownCard(act(w.warehouse.ctx(), 'openTags', { email }));
    const shown = tagsWasOf(card);
    act(
      w.warehouse.ctx(),
      'saveTags',
      { email, impactWas: '', tagsWas: JSON.stringify(shown) },
      { tags: [], newTag: 'call-back' },
    );
    expect(tagsWasOf(shownCard(act(w.warehouse.ctx(), 'openTags', { email })))).toEqual(['call-back']);

    const before = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'showCustomer', { email })));
    const churned = act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' });
    expect(JSON.stringify(churned)).toContain('Marked as churned');
    const after = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'showCustomer', { email })));
    expect(before).toContain('Mark churned');
    expect(after).toContain('customer already marked churned');
    const note = act(w.warehouse.ctx(), 'saveNote', { email }, { note: `it's "fine" @p0` });
    expect(JSON.stringify(note)).toContain('Note saved to the warehouse');
  });

  it('a save without the shown tags is refused, not guessed', () => {
    const email = emailAt(11);
    expect(() => act(w.warehouse.ctx(), 'saveTags', { email, impactWas: '' }, { tags: ['x'] })).toThrow(
      'Tags not saved',
    );
  });
});
