/** Alerts on the homepage: the user's own first, and seen / snooze / done written to the Alerts tab. */
import { buildHomepage } from '../../src/app/handlers/home';
import { ALERT_HEADERS } from '../../src/core/watch/alerts';
import type { Card } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';

const customers = [
  ['Email', 'Name', 'MRR', 'Owner'],
  ['ola@fjord.example', 'Ola', 900, 'am@nimbus.example'],
  ['tui@sky.example', 'Tui', 400, 'other@nimbus.example'],
];
const alert = (key: string, email: string, owner: string, reason: string) => [
  key,
  "'2026-11-19",
  email.split('@')[0],
  email,
  owner,
  'riskUp',
  reason,
  'Check-in call',
  'open',
  '',
];

function world() {
  return standInContext(customers, {
    tabs: {
      Alerts: [
        [...ALERT_HEADERS],
        alert('k1', 'ola@fjord.example', 'am@nimbus.example', 'Risk rose to High'),
        alert('k2', 'tui@sky.example', 'other@nimbus.example', 'No activity for 90 days'),
      ],
    },
  });
}

const alertSection = (card: Card) => card.sections.find((s) => s.header?.startsWith('Alerts'));

describe('alerts on the homepage', () => {
  it('shows my open alerts, and snooze hides one until the snooze ends', () => {
    const w = world();
    const home = buildHomepage(w.ctx());
    expect(alertSection(home)?.header).toBe('Alerts · 1 open for you');
    expect(JSON.stringify(alertSection(home))).toContain('Risk rose to High');
    expect(JSON.stringify(alertSection(home))).not.toContain('No activity');

    const snoozed = act(w.ctx(), 'alertStatus', { key: 'k1', change: 'snoozed' });
    expect(snoozed.kind === 'navigate' && snoozed.notification).toBe('Snoozed until 2026-11-27');
    const row = w.ss.sheet('Alerts')!.toValues()[1]!;
    expect(row[8]).toBe('snoozed');
    // With nothing of mine open, the team's alerts show.
    expect(alertSection(buildHomepage(w.ctx()))?.header).toBe('Alerts · 1 open');

    w.world.clock.set('2026-11-28T09:00:00Z');
    expect(alertSection(buildHomepage(w.ctx()))?.header).toBe('Alerts · 1 open for you');
    act(w.ctx(), 'alertStatus', { key: 'k1', change: 'done' });
    act(w.ctx(), 'alertStatus', { key: 'k2', change: 'acknowledged' });
    expect(alertSection(buildHomepage(w.ctx()))).toBeUndefined();
    expect(
      w.ss
        .sheet('Alerts')!
        .toValues()
        .map((r) => r[8]),
    ).toEqual(['Status', 'done', 'acknowledged']);
  });

  it('says so when the alert row is gone', () => {
    const w = world();
    expect(() => act(w.ctx(), 'alertStatus', { key: 'nope', change: 'done' })).toThrow(
      /no longer in the Alerts tab/,
    );
  });
});
