/** Settings: the ready-to-use spreadsheet, and turning the daily scan on (trigger) and running it now. */
import { buildHomepage } from '../../src/app/handlers/home';
import { loadSettings } from '../../src/app/settings-store';
import type { Card } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';

const cardOf = (r: ReturnType<typeof act>): Card => {
  if (r.kind !== 'navigate') throw new Error(r.kind);
  const step = [...r.steps].reverse().find((s) => 'card' in s);
  if (!step || !('card' in step)) throw new Error('no card');
  return step.card;
};

describe('starter spreadsheet', () => {
  it('creates every tab ChurnGuard uses, connects it, and the segments and homepage work on it', () => {
    const w = standInContext([['Email'], ['x@y.example']]);
    const created = act(w.ctx(), 'createStarterSheet');
    expect(created.kind === 'navigate' && created.notification).toMatch(
      /^Created and connected "ChurnGuard customers"/,
    );
    const { settings } = loadSettings(w.ctx().userStore);
    expect(settings.spreadsheetId).not.toBe(w.ss.id);
    const ss = w.world.spreadsheets.get(settings.spreadsheetId!)!;
    expect(ss.sheets.map((s) => s.name)).toEqual([
      'Customers',
      'Impact rules',
      'Segments',
      'Templates',
      'Campaigns',
      'Notes',
      'Settings',
      // Written by the homepage's first portfolio refresh.
      'ChurnGuard snapshot',
    ]);
    expect(ss.sheet('Customers')!.toValues()).toHaveLength(4);
    const segments = JSON.stringify(cardOf(act(w.ctx(), 'openSegments')));
    expect(segments).not.toContain('problem');
    expect(segments).toContain('Hit 1 · Stable 1 · Booming 1');
    expect(JSON.stringify(buildHomepage(w.ctx()))).toContain('Active customers');
  });
});

describe('daily scan settings', () => {
  it('installs the hourly trigger when the scan is turned on, removes it when off, and scans on demand', () => {
    const w = standInContext([
      [
        'Email',
        'Name',
        'MRR',
        'Last activity',
        'Owner',
        'Days late',
        'NPS',
        'Logins this month',
        'Logins last month',
      ],
      ['a@x.example', 'A', 100, "'2026-05-01", 'am@nimbus.example', 30, 3, 0, 12],
    ]);
    const form = { spreadsheet: w.ss.id, customerSheet: 'Customers', watchHour: '6' };
    act(w.ctx(), 'saveSettings', {}, { ...form, watchEnabled: 'on', watchDigest: 'on' });
    expect(loadSettings(w.ctx().userStore).settings.watch).toEqual({
      enabled: true,
      digest: true,
      hourUtc: 6,
    });
    expect(w.world.triggers.triggers.map((t) => t.functionName)).toEqual(['onHourlyTrigger']);
    act(w.ctx(), 'saveSettings', {}, form);
    expect(loadSettings(w.ctx().userStore).settings.watch?.enabled).toBe(false);
    expect(w.world.triggers.triggers).toHaveLength(0);

    const scanned = act(w.ctx(), 'scanNow');
    expect(scanned).toMatchObject({
      kind: 'navigate',
      notification: expect.stringMatching(/^Scanned 1 customer: 0 new alerts/),
    });
    // The first scan sets the baseline that later scans compare against (a crossing needs a before).
    expect(w.ss.sheet('History')!.toValues()).toHaveLength(2);
    expect(w.ctx().userStore.get('churnguard.lastScan')).toBe('2026-11-20');
  });
});
