/**
 * Bad input never changes who gets mail: with two Email columns nothing is sent (the wizard, the
 * automatic reactivation), and a row whose email cell is unusable is listed as left out, not guessed.
 */
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { startCampaign } from '../../src/app/campaigns/start';
import type { Card } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { campaignWorld } from '../helpers/campaign-world';

function world(header: string[], rows: unknown[][]) {
  return standInContext([header, ...rows], {
    now: '2026-11-20T09:00:00Z',
    tabs: {
      Segments: [
        ['Segment', 'Query', 'Playbook'],
        ['Everyone', 'Status = Active', ''],
      ],
      Templates: DEFAULT_TEMPLATES.map((r) => [...r]),
      Settings: [
        ['Setting', 'Value'],
        ['Holdout %', '0'],
      ],
    },
  });
}

const cardOf = shownCard;
const text = (c: Card) => JSON.stringify(c);
const form = { campaignName: 'Check-in', campaignTemplate: 'Check-in' };

describe('the sheet gate on campaigns', () => {
  it('sends nothing while the sheet has two Email columns, and says which', () => {
    const w = world(
      ['Email', 'Name', 'Status', 'Email'],
      [
        ['ann@x.example', 'Ann', 'Active', 'ann.private@y.example'],
        ['bob@x.example', 'Bob', 'Active', ''],
      ],
    );
    const preview = cardOf(act(w.ctx(), 'previewCampaign', { segment: 'Everyone', index: '0' }, form));
    expect(text(preview)).toContain('Fix the sheet before sending');
    expect(text(preview)).toContain('A (Email) and D (Email)');
    expect(text(preview)).not.toMatch(/Start sending/);
    const started = act(w.ctx(), 'startCampaign', {
      segment: 'Everyone',
      template: 'Check-in',
      name: 'Check-in',
    });
    expect(started.kind === 'navigate' && started.notification).toMatch(/Not started: .*two Email columns/);
    w.world.runDueTriggers(() => undefined);
    expect(w.world.mail.outbox).toHaveLength(0);
    expect(w.ss.sheet('Campaigns')).toBeFalsy();
  });

  it('lists a row with a spaced address as left out, and never emails the address it contains', () => {
    const w = world(
      ['Email', 'Name', 'Status', 'Company'],
      [
        ['john smith@acme.com', 'John', 'Active', 'Acme'],
        ['ann@x.example', 'Ann', 'Active', 'Ann Co'],
      ],
    );
    const preview = cardOf(act(w.ctx(), 'previewCampaign', { segment: 'Everyone', index: '0' }, form));
    expect(text(preview)).toContain("Customers!A2 (Email): not a valid email: 'john smith@acme.com'");
    const started = act(w.ctx(), 'startCampaign', {
      segment: 'Everyone',
      template: 'Check-in',
      name: 'Check-in',
    });
    expect(started.kind === 'navigate' && started.notification).toBe('"Check-in" started.');
    const sentTo = w.world.mail.outbox.flatMap((m) => m.to);
    expect(sentTo).toEqual(['ann@x.example']);
  });

  it('refuses to start any campaign given a sheet blocker, writing nothing', () => {
    const w = campaignWorld(2, { latency: 'none' });
    const ctx = w.contextOf(w.world.startExecution());
    const started = startCampaign(ctx, w.request({ sheetBlockers: ['Customers: two Email columns'] }));
    expect(started).toEqual({ kind: 'sheetBlocked', problems: ['Customers: two Email columns'] });
    expect(w.ss.sheet('Campaigns')?.toValues().length ?? 0).toBeLessThanOrEqual(1);
  });
});
