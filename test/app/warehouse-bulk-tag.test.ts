/**
 * Bulk tags with the BigQuery store, through the dispatcher, the real handlers and the BigQuery
 * stand-in on DuckDB: the preview counts the same customers the sheet's preview lists, Apply tags
 * the same customers the sheet's Apply tags (in one statement, whatever the segment's size), a
 * repeated Apply changes nobody, and Undo restores everyone but the customer a teammate re-tagged.
 */
import { loadSettings } from '../../src/app/settings-store';
import { DEFAULT_SEGMENTS } from '../../src/core/segments';
import type { Card } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(60), { Segments: DEFAULT_SEGMENTS.map((r) => [...r]) });
}, 60_000);

afterAll(() => w.close());

const SEGMENT = String(DEFAULT_SEGMENTS[2]![0]);
const TAG = 'relief-2026';
const text = (x: unknown) => JSON.stringify(x);
const tagsOf = (ctx: () => Parameters<typeof act>[0], email: string): string => {
  const m = /"tagsWas":"((?:[^"\\]|\\.)*)"/.exec(text(shownCard(act(ctx(), 'openTags', { email }))));
  return m ? (JSON.parse(JSON.parse(`"${m[1]}"`)) as string[]).join(',') : '';
};
const emails = () => w.rows.map((r) => String(r[0]));
/** The sheet world's Customers tab as the sheet's Apply left it: who has the tag in the Tags cell. */
const taggedOnSheet = () => {
  const { settings } = loadSettings(w.sheet.ctx().userStore);
  const rows = w.sheet.world.spreadsheets.get(settings.spreadsheetId!)!.sheets[0]!.rows;
  const tags = rows[0]!.indexOf('Tags');
  return rows
    .slice(1)
    .filter((r) =>
      String(r[tags] ?? '')
        .split(/,\s*/)
        .includes(TAG),
    )
    .map((r) => String(r[0]));
};
const tagged = () => emails().filter((e) => tagsOf(w.warehouse.ctx, e).split(',').includes(TAG));
const previewCount = (card: Card) =>
  Number(/(?:Add|Remove) tag on (\d+) (?:customers?|rows?)/.exec(text(card))?.[1]);

describe('bulk tags with the BigQuery store', () => {
  it('tags the same customers as the sheet, once, and undoes all but a teammate’s later edit', () => {
    const preview = (ctx: () => Parameters<typeof act>[0]) =>
      shownCard(act(ctx(), 'previewBulkTag', { segment: SEGMENT, operation: 'add' }, { bulkTag: TAG }));
    const before = w.warehouse.traffic.calls;
    const whPreview = preview(w.warehouse.ctx);
    // The count and the first few members: two queries (plus the column mapping on a first read).
    expect(w.warehouse.traffic.calls - before).toBeLessThanOrEqual(3);
    const sheetPreview = preview(w.sheet.ctx);
    expect(previewCount(whPreview)).toBeGreaterThan(3);
    expect(previewCount(whPreview)).toBe(previewCount(sheetPreview));
    expect(text(whPreview)).toContain('appends a tag change for each of them');

    const applied = act(w.warehouse.ctx(), 'applyBulkTag', { segment: SEGMENT, operation: 'add', tag: TAG });
    expect(text(applied)).toContain(`Tag “${TAG}” added to ${previewCount(whPreview)} customers`);
    act(w.sheet.ctx(), 'applyBulkTag', { segment: SEGMENT, operation: 'add', tag: TAG });
    const onWarehouse = tagged();
    expect(onWarehouse.length).toBe(previewCount(whPreview));
    expect(onWarehouse).toEqual(taggedOnSheet());

    // Pressed again (its first answer lost): nobody left to change, and the undo stays the first one's.
    const again = act(w.warehouse.ctx(), 'applyBulkTag', { segment: SEGMENT, operation: 'add', tag: TAG });
    expect(text(again)).toContain('Nobody in');
    const list = text(shownCard(act(w.warehouse.ctx(), 'openSegments', { page: '0' })));
    expect(list).toContain(`“${TAG}” added to ${onWarehouse.length} customers in ${SEGMENT}`);

    // A teammate takes the tag off one of them and adds a tag of their own to another.
    const [first, second] = onWarehouse;
    const save = (email: string, tags: string[], newTag: string) =>
      act(
        w.warehouse.ctx(),
        'saveTags',
        { email, impactWas: '', tagsWas: JSON.stringify(tagsOf(w.warehouse.ctx, email).split(',')) },
        { tags, newTag },
      );
    save(first!, [], 'call-back');
    save(second!, tagsOf(w.warehouse.ctx, second!).split(','), 'champion');

    const undone = act(w.warehouse.ctx(), 'undoBulkChange', {});
    expect(text(undone)).toContain(`Restored ${onWarehouse.length - 1} customers`);
    expect(text(undone)).toContain('kept 1 customer whose');
    expect(tagged()).toEqual([]);
    expect(tagsOf(w.warehouse.ctx, first!)).toBe('call-back');
    expect(tagsOf(w.warehouse.ctx, second!)).toContain('champion');
    expect(text(shownCard(act(w.warehouse.ctx(), 'openSegments', { page: '0' })))).not.toContain(
      'Last bulk change',
    );
    expect(text(act(w.warehouse.ctx(), 'undoBulkChange', {}))).toContain('There is no bulk change to undo.');
    // Every customer's tags card is opened twice: about 5 s idle, longer on a busy machine.
  }, 60_000);

  it('refuses a tag that is not one tag, naming the field, before any query', () => {
    const before = w.warehouse.traffic.calls;
    expect(() =>
      act(w.warehouse.ctx(), 'previewBulkTag', { segment: SEGMENT, operation: 'add' }, { bulkTag: 'a, b' }),
    ).toThrow(/Tag/);
    expect(w.warehouse.traffic.calls).toBe(before);
  });
});
