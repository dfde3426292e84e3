/**
 * Segments on the stand-ins: sizes and MRR through the dispatcher, impact from rules with manual
 * overrides, bulk tagging in one write with a preview, and undo after the sheet was re-sorted.
 */
import { DEFAULT_IMPACT_RULES } from '../../src/core/segments';
import type { Card, Widget } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';

const customers = [
  ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Tags', 'Crisis impact', 'Status'],
  ['ola@fjord.example', 'Ola', 'Fjord Hotels', 'Hotels', 900, 'vip', '', 'Active'],
  ['tui@sky.example', 'Tui', 'Sky Travel', 'Travel agency', 400, '', '', 'Active'],
  ['ana@swift.example', 'Ana', 'Swift', 'Food delivery', 80, '', '', 'Active'],
  ['lee@inn.example', 'Lee', 'Old Inn', 'Hotels', 300, '', 'Booming', 'Active'],
  ['gone@tour.example', 'Gone', 'Tour Co', 'Travel', 200, '', '', 'Churned'],
];
const segments = [
  ['Segment', 'Query', 'Playbook', 'Description'],
  ['Hurt', 'Impact in Severe, Hit AND Status = Active', 'Payment holiday', 'Relief'],
  ['Growing', 'Impact = Booming', 'Upsell', ''],
  ['Broken', 'MRR >', '', ''],
];

function world(tabs: Record<string, unknown[][]> = {}) {
  return standInContext(customers, {
    tabs: { 'Impact rules': DEFAULT_IMPACT_RULES.map((r) => [...r]), Segments: segments, ...tabs },
  });
}

const cardOf = (r: ReturnType<typeof act>): Card => {
  if (r.kind !== 'navigate') throw new Error(`expected navigation, got ${r.kind}`);
  const step = r.steps.find((s) => s.kind === 'push' || s.kind === 'update');
  if (!step || !('card' in step)) throw new Error('no card');
  return step.card;
};
const widgets = (c: Card): Widget[] => c.sections.flatMap((s) => s.widgets);
const textOf = (w: Widget) => JSON.stringify(w);

describe('segments card', () => {
  it('lists each segment with its size, MRR and MRR at risk, the impact mix, and the broken query', () => {
    const w = world();
    const card = cardOf(act(w.ctx(), 'openSegments'));
    const list = widgets(card).filter((x) => x.kind === 'decoratedText' && x.icon === 'MULTIPLE_PEOPLE');
    expect(
      list.map((x) => (x.kind === 'decoratedText' ? [JSON.stringify(x.text), x.bottomLabel] : [])),
    ).toEqual([
      [
        expect.stringContaining('Hurt'),
        expect.stringMatching(/^2 customers · MRR \$1,300 · MRR at high risk \$/),
      ],
      [
        expect.stringContaining('Growing'),
        expect.stringMatching(/^2 customers · MRR \$380 · MRR at high risk \$/),
      ],
    ]);
    // Lee's Booming override beats the Hotels rule; churned customers are left out of the mix.
    expect(JSON.stringify(card)).toContain('Severe 1 · Hit 1 · Stable 0 · Booming 2 · Unknown 0');
    expect(JSON.stringify(card)).toContain("Segments!B4 (Query), character 6: MRR: '>' needs a value");
  });

  it("writes money in the currency the team set in the sheet's Settings tab", () => {
    const w = world({
      Settings: [
        ['Setting', 'Value'],
        ['Currency', 'EUR'],
      ],
    });
    const text = JSON.stringify(cardOf(act(w.ctx(), 'openSegments')));
    expect(text).toContain('MRR €1,300');
    expect(text).not.toContain('$');
    const hurt = JSON.stringify(cardOf(act(w.ctx(), 'openSegment', { segment: 'Hurt' })));
    expect(hurt).toContain('MRR €900');
  });

  it('opens a segment with members highest risk × value first, and its playbook', () => {
    const w = world();
    const card = cardOf(act(w.ctx(), 'openSegment', { segment: 'hurt' }));
    expect(card.header?.title).toBe('Hurt');
    const members = widgets(card).filter((x) => x.kind === 'decoratedText' && x.onClick?.kind === 'action');
    expect(members.map((m) => (m.kind === 'decoratedText' ? m.text : ''))).toEqual(['Ola', 'Tui']);
    expect(
      textOf(widgets(card).find((x) => x.kind === 'decoratedText' && x.topLabel === 'Playbook')!),
    ).toContain('Payment holiday');
    expect(() => act(w.ctx(), 'openSegment', { segment: 'Nope' })).toThrow(/no segment named "Nope"/);
  });
});

describe('bulk tagging', () => {
  it('previews, writes the Tags column once, logs each cell, and undoes by email after a re-sort', () => {
    const w = world();
    const preview = cardOf(
      act(w.ctx(), 'previewBulkTag', { segment: 'Hurt', operation: 'add' }, { bulkTag: 'relief-2026' }),
    );
    expect(JSON.stringify(preview)).toMatch(/Add “relief-2026” to .*2 customers.* 0 already have it/);
    // Nothing is written by a preview.
    expect(w.ss.sheet('Customers')!.get(2, 6)).toBe('vip');

    act(w.ctx(), 'openSegments'); // the snapshot exists, and the risk columns
    const before = w.world.calls.snapshot();
    const applied = act(w.ctx(), 'applyBulkTag', { segment: 'Hurt', operation: 'add', tag: 'relief-2026' });
    const after = w.world.calls.snapshot();
    expect(applied.kind === 'navigate' && applied.notification).toMatch(/added to 2 customers/);
    // The Tags column once, plus the new Bulk changes tab's header and rows; then the Segments card
    // it returns recounts the changed tags (one risk-and-band block, one snapshot tab write).
    expect(
      (after.calls['Range.setValues'] ?? 0) - (before.calls['Range.setValues'] ?? 0),
    ).toBeLessThanOrEqual(5);
    const tags = () =>
      w.ss
        .sheet('Customers')!
        .toValues()
        .slice(1)
        .map((r) => [r[0], r[5]]);
    expect(tags()).toEqual([
      ['ola@fjord.example', 'vip, relief-2026'],
      ['tui@sky.example', 'relief-2026'],
      ['ana@swift.example', ''],
      ['lee@inn.example', ''],
      ['gone@tour.example', ''],
    ]);
    expect(w.ss.sheet('Bulk changes')!.toValues().length).toBe(3);

    // The manager sorts the sheet (Tui first) and edits Ola's tags by hand before undoing.
    const sheet = w.ss.sheet('Customers')!;
    const rows = sheet.toValues();
    const sorted = [rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)];
    sorted.forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
    sheet.put(3, 6, 'vip, relief-2026, renewal');

    const undone = act(w.ctx(), 'undoBulkChange');
    expect(undone.kind === 'navigate' && undone.notification).toMatch(
      /Restored 1 cell; kept 1 edited or removed since/,
    );
    expect(tags().slice(0, 2)).toEqual([
      ['tui@sky.example', ''],
      ['ola@fjord.example', 'vip, relief-2026, renewal'],
    ]);
    const log = w.ss.sheet('Bulk changes')!.toValues();
    expect(log.slice(1).every((r) => String(r[8]).includes('by '))).toBe(true);
    expect(act(w.ctx(), 'undoBulkChange')).toEqual({
      kind: 'notify',
      notification: 'There is no bulk change to undo.',
    });
  });

  it('undoes a change in a Tags column whose header has stray spaces', () => {
    const w = standInContext(
      customers.map((r, i) => (i === 0 ? r.map((h) => (h === 'Tags' ? ' Tags  ' : h)) : r)),
      { tabs: { 'Impact rules': DEFAULT_IMPACT_RULES.map((r) => [...r]), Segments: segments } },
    );
    act(w.ctx(), 'applyBulkTag', { segment: 'Hurt', operation: 'add', tag: 'relief' });
    expect(w.ss.sheet('Customers')!.get(3, 6)).toBe('relief');
    const undone = act(w.ctx(), 'undoBulkChange');
    expect(undone.kind === 'navigate' && undone.notification).toBe('Restored 2 cells');
    expect(w.ss.sheet('Customers')!.get(3, 6)).toBe('');
  });

  it('refuses a tag that would split in two, before reading anything', () => {
    const w = world();
    expect(() =>
      act(w.ctx(), 'previewBulkTag', { segment: 'Hurt', operation: 'add' }, { bulkTag: 'a, b' }),
    ).toThrow(/cannot hold a comma/);
  });
});

describe('manual impact override from the sidebar', () => {
  it('shows what the rules say, sets an override rules never replace, and hands back to the rules', () => {
    const w = world();
    const tags = cardOf(act(w.ctx(), 'openTags', { email: 'ola@fjord.example' }));
    expect(JSON.stringify(tags)).toContain('From the impact rules (Hit)');
    const save = (impact: string, was: string) =>
      act(w.ctx(), 'saveTags', { email: 'ola@fjord.example', impactWas: was }, { tags: ['vip'], impact });
    const set = save('Booming', '');
    expect(set.kind === 'navigate' && set.notification).toBe(
      'Tags saved: vip; crisis impact set to Booming by hand',
    );
    const sheet = w.ss.sheet('Customers')!;
    expect(sheet.get(2, 7)).toBe('Booming');
    const growing = () => JSON.stringify(cardOf(act(w.ctx(), 'openSegment', { segment: 'Growing' })));
    expect(growing()).toContain('"Ola"');
    // Re-evaluating the rules (every card does) leaves the override alone.
    expect(growing()).toContain('"Ola"');
    const back = save('', 'Booming');
    expect(back.kind === 'navigate' && back.notification).toBe(
      'Tags saved: vip; crisis impact back to the rules',
    );
    expect(sheet.get(2, 7)).toBe('');
    expect(growing()).not.toContain('"Ola"');
  });
});
