/**
 * Automatic reactivation end to end: turned on in Settings, run by the hourly entry once a day,
 * each quiet customer emailed once per quiet spell, a row with a blank left out and listed.
 */
import { appEntry } from '../../src/app/entry';
import { loadSettings } from '../../src/app/settings-store';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { createContext } from '../../src/gas/runtime';
import { act, standInContext } from '../helpers/stand-in-context';

const DAY = 86_400_000;

function world() {
  const w = standInContext(
    [
      ['Email', 'Name', 'Company', 'MRR', 'Last activity', 'Status'],
      ['quiet@a.example', 'Quiet Q', 'Quiet Co', 100, new Date('2026-06-01T00:00:00Z'), 'Active'],
      ['blank@b.example', 'Blank B', '', 100, new Date('2026-06-01T00:00:00Z'), 'Active'],
      ['busy@c.example', 'Busy B', 'Busy Co', 100, new Date('2026-11-18T00:00:00Z'), 'Active'],
    ],
    {
      tabs: {
        Templates: DEFAULT_TEMPLATES.map((r) => [...r]),
        Settings: [
          ['Setting', 'Value'],
          ['Holdout %', '0'],
        ],
      },
    },
  );
  const hourly = () =>
    appEntry(
      () => ({ ...createContext(w.world.startExecution({ kind: 'trigger' }).globals), clock: w.world.clock }),
      (e) => {
        throw e;
      },
    ).hourly();
  const mailTo = (email: string) => w.world.mail.outbox.filter((m) => m.to.includes(email)).length;
  return { ...w, hourly, mailTo };
}

describe('automatic reactivation', () => {
  it('is off until turned on, refuses a missing template, then emails each quiet customer once per quiet spell', () => {
    const w = world();
    expect(w.hourly().errors).toEqual([]);
    expect(w.world.mail.outbox).toHaveLength(0);

    const form = {
      spreadsheet: w.ss.id,
      customerSheet: 'Customers',
      reactivationEnabled: 'on',
      reactivationDays: '120',
    };
    const refused = act(w.ctx(), 'saveSettings', {}, { ...form, reactivationTemplate: 'Wake up' });
    expect(JSON.stringify(refused)).toContain('needs a template named \\"Wake up\\"');
    act(w.ctx(), 'saveSettings', {}, { ...form, reactivationTemplate: 'Reactivation' });
    expect(loadSettings(w.ctx().userStore).settings.reactivation).toEqual({
      enabled: true,
      days: 120,
      template: 'Reactivation',
    });
    expect(w.world.triggers.triggers.map((t) => t.functionName)).toEqual(['onHourlyTrigger']);

    w.hourly();
    expect(w.mailTo('quiet@a.example')).toBe(1);
    expect(w.mailTo('blank@b.example')).toBe(0);
    expect(w.mailTo('busy@c.example')).toBe(0);
    const settings = JSON.stringify(act(w.ctx(), 'openSettings'));
    expect(settings).toContain(
      '1 to email, 0 held out, 0 already contacted, 1 left out for a blank (first: row 3, no value for Company ({{Company}}))',
    );

    // The same day and the next days: nobody is emailed twice for the same quiet spell.
    w.hourly();
    w.world.clock.advance(DAY);
    w.hourly();
    w.world.clock.advance(DAY);
    w.hourly();
    expect(w.mailTo('quiet@a.example')).toBe(1);

    // Quiet comes back (active today), then goes quiet again for 121 days: a second email.
    const sheet = w.ss.sheet('Customers')!;
    sheet.put(2, 5, new Date(w.world.clock.now().getTime()));
    w.world.clock.advance(121 * DAY);
    w.hourly();
    expect(w.mailTo('quiet@a.example')).toBe(2);
    // Busy went quiet in the meantime too.
    expect(w.mailTo('busy@c.example')).toBe(1);
  });
});
