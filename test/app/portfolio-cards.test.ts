/**
 * The portfolio cards read the snapshot, say how old it is, offer Refresh, show a refresh's progress
 * and never wait for a whole-sheet read.
 */
import { appEntry } from '../../src/app/entry';
import { buildHomepage } from '../../src/app/handlers/home';
import { loadJob, requestJob } from '../../src/app/jobs/portfolio-job';
import { SNAPSHOT_TAB } from '../../src/app/portfolio/snapshot-tab';
import type { Card, Widget } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { portfolioWorld } from '../helpers/portfolio-world';

const widgets = (card: Card): Widget[] => card.sections.flatMap((s) => s.widgets);
const textOf = (w: Widget): string =>
  w.kind === 'decoratedText' || w.kind === 'textParagraph'
    ? typeof w.text === 'string'
      ? w.text
      : w.text.map((t) => t.text).join('')
    : '';
const freshness = (card: Card) =>
  widgets(card).find(
    (w) =>
      w.kind === 'decoratedText' && w.icon === 'CLOCK' && /as of|snapshot|rescoring|scanning/.test(textOf(w)),
  );
const cardOf = (r: ReturnType<typeof act>): Card => {
  if (r.kind !== 'navigate') throw new Error(`expected a card, got ${r.kind}`);
  const step = r.steps.find((s) => 'card' in s) as { card: Card };
  return step.card;
};

describe('portfolio cards on the snapshot', () => {
  it('a small sheet: the first homepage counts it at once and says as of when, with Refresh', () => {
    const w = portfolioWorld(30);
    const home = buildHomepage(w.ctx());
    const line = freshness(home)!;
    expect(textOf(line)).toBe('as of 12:00 UTC');
    expect(line.kind === 'decoratedText' && line.button?.text).toBe('Refresh');
    expect(line.kind === 'decoratedText' && line.button?.onClick).toMatchObject({
      action: { name: 'refreshHome' },
    });
    expect(JSON.stringify(home)).toContain('Active customers');
    expect(w.ss.sheet(SNAPSHOT_TAB)).toBeDefined();
    expect(loadJob(w.ctx())).toBeUndefined();
    // A later day shows the date, and paging reads no customer rows.
    w.world.clock.set('2026-11-21T08:00:00Z');
    w.world.calls.reset();
    const again = cardOf(act(w.ctx(), 'homePage', { page: '0' }));
    expect(textOf(freshness(again)!)).toBe('as of 20 Nov 12:00 UTC');
    expect(w.world.calls.cellsRead).toBeLessThan(200);
  });

  it('a large refresh: the card says there is no snapshot yet and shows progress, never blocking', () => {
    const w = portfolioWorld(60);
    requestJob(w.ctx(), 'rescore', { chunkRows: 10 }); // as a 100k sheet walks in chunks
    // Opening a card while the job runs shows its progress and runs nothing itself.
    w.world.calls.reset();
    const home = buildHomepage(w.ctx());
    expect(textOf(freshness(home)!)).toBe('No portfolio snapshot yet · rescoring: 0 / 60');
    expect(JSON.stringify(home)).not.toContain('Active customers');
    expect(w.world.calls.cellsRead).toBeLessThan(100);
    // Refresh runs one chunk of it.
    const refreshed = cardOf(act(w.ctx(), 'refreshHome'));
    expect(textOf(freshness(refreshed)!)).toBe('No portfolio snapshot yet · rescoring: 10 / 60');
    // The hourly trigger exists while the job is pending, and finishes it.
    expect(w.world.triggers.triggers.map((t) => t.functionName)).toContain('onHourlyTrigger');
    const report = appEntry(w.ctx, () => undefined).hourly();
    expect(report.job).toBe('finished');
    const after = buildHomepage(w.ctx());
    expect(textOf(freshness(after)!)).toBe('as of 12:00 UTC');
    expect(JSON.stringify(after)).toContain('Active customers');
  });

  it('Refresh with a snapshot shown keeps showing it while the job runs', () => {
    const w = portfolioWorld(40);
    buildHomepage(w.ctx());
    w.world.clock.set('2026-11-20T13:30:00Z');
    requestJob(w.ctx(), 'rescore', { chunkRows: 10, restart: true });
    const home = cardOf(act(w.ctx(), 'refreshHome'));
    expect(textOf(freshness(home)!)).toBe('as of 12:00 UTC · rescoring: 10 / 40');
    expect(JSON.stringify(home)).toContain('Active customers');
  });

  it('Rescore all answers at once: a result on a small sheet, progress on a large one', () => {
    const small = portfolioWorld(25);
    const done = act(small.ctx(), 'rescoreAll');
    expect(done.kind === 'notify' && done.notification).toMatch(
      /^Scored 25 customers into the "ChurnGuard risk" column/,
    );
    const large = portfolioWorld(50);
    requestJob(large.ctx(), 'rescore', { chunkRows: 10 });
    const going = act(large.ctx(), 'rescoreAll');
    expect(going.kind === 'notify' && going.notification).toBe(
      'Scoring in the background (rescoring: 10 / 50); the homepage shows the progress.',
    );
  });

  it('the segments cards show sizes and members from the snapshot, with its age', () => {
    const w = portfolioWorld(40);
    const list = cardOf(act(w.ctx(), 'openSegments'));
    expect(textOf(widgets(list).find((x) => x.kind === 'decoratedText' && x.icon === 'CLOCK')!)).toBe(
      'as of 12:00 UTC',
    );
    const big = widgets(list).find((x) => x.kind === 'decoratedText' && textOf(x) === 'Big')!;
    expect(big.kind === 'decoratedText' && big.bottomLabel).toMatch(/^\d+ customers · MRR /);
    // A segment added to the tab: Refresh re-reads the tab and recounts (one step on a small sheet).
    w.ss.sheet('Segments')!.put(4, 1, 'Small');
    w.ss.sheet('Segments')!.put(4, 2, 'MRR < 99');
    const refreshed = cardOf(act(w.ctx(), 'openSegments', { page: '0', refresh: '1' }));
    const small = widgets(refreshed).find((x) => x.kind === 'decoratedText' && textOf(x) === 'Small')!;
    expect(small.kind === 'decoratedText' && small.bottomLabel).toMatch(/customers · MRR/);
    const one = cardOf(act(w.ctx(), 'openSegment', { segment: 'Big' }));
    expect(JSON.stringify(one)).toContain('as of 12:00 UTC');
    expect(
      widgets(one).filter((x) => x.kind === 'decoratedText' && x.onClick?.kind === 'action').length,
    ).toBeGreaterThan(0);
  });

  it('the outcomes card counts from the snapshot: flat in N, and says when there is none yet', () => {
    const cellsFor = (n: number) => {
      const w = portfolioWorld(n);
      buildHomepage(w.ctx()); // the snapshot, as any earlier card leaves it
      w.world.calls.reset();
      const card = cardOf(act(w.ctx(), 'openOutcomes'));
      expect(textOf(freshness(card)!)).toBe('as of 12:00 UTC');
      return w.world.calls.cellsRead;
    };
    const small = cellsFor(20);
    expect(cellsFor(400)).toBe(small);
    expect(small).toBeLessThan(100);
    // No snapshot while a large refresh runs: the card says so and runs nothing itself.
    const w = portfolioWorld(60);
    requestJob(w.ctx(), 'rescore', { chunkRows: 10 });
    w.world.calls.reset();
    const card = cardOf(act(w.ctx(), 'openOutcomes'));
    expect(textOf(freshness(card)!)).toBe('No portfolio snapshot yet · rescoring: 0 / 60');
    expect(w.world.calls.cellsRead).toBeLessThan(100);
  });
});
