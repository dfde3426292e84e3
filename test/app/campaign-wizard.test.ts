/**
 * The campaign wizard end to end on the stand-ins, through the dispatcher and the hourly entry point:
 * segment → template → audience check with exclusions, holdout and a preview → test email to self →
 * start (first batch from the card) → the hourly trigger sends the rest, each member exactly once.
 */
import { appEntry } from '../../src/app/entry';
import { createContext } from '../../src/gas/runtime';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { Card, Widget } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { buildHomepage } from '../../src/app/handlers/home';

const HOUR = 3_600_000;
const header = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Unsubscribed'];
const rows = Array.from({ length: 60 }, (_, i) => [
  `owner${i}@hotel${i}.example`,
  `Guest ${i} Ørsted 🌊`,
  `Hotel ${i}`,
  'Hotels',
  100 + i,
  'Active',
  '',
]);
rows.push(['left@hotel.example', 'Left', 'Gone Hotel', 'Hotels', 50, 'Churned', '']);
rows.push(['stop@hotel.example', 'Stop', 'Quiet Hotel', 'Hotels', 50, 'Active', 'yes']);

/**
 * Relief for every hurt hotel (the top 100% by value): these tests are about the wizard, not the guard
 * rails (test/app/campaign-guard-rails.test.ts), so every member gets the campaign's template.
 */
function world(prepare?: (ss: ReturnType<typeof standInContext>['ss']) => void) {
  const w = standInContext([header, ...rows], {
    now: '2026-11-20T09:00:00Z',
    settings: { playbooks: { reliefTopShare: 1 } },
    tabs: {
      'Impact rules': [
        ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
        ['Hotels', 'Industry', 'contains', 'hotel', 'Hit'],
      ],
      Segments: [
        ['Segment', 'Query', 'Playbook'],
        ['Hurt hotels', 'Impact = Hit', 'Payment holiday'],
      ],
      Templates: DEFAULT_TEMPLATES.map((r) => [...r]),
      Settings: [
        ['Setting', 'Value'],
        ['Holdout %', '10'],
        ['Sender name', 'Sofia Am'],
      ],
    },
  });
  // Edits first: the homepage caches the team's tabs for the cards after it.
  prepare?.(w.ss);
  // The homepage reads every customer and stores the value lines the guard rails use.
  buildHomepage(w.ctx());
  return w;
}

const cardOf = shownCard;
const widgets = (c: Card): Widget[] => c.sections.flatMap((s) => s.widgets);
const buttons = (c: Card) => widgets(c).flatMap((w) => (w.kind === 'buttonSet' ? w.buttons : []));
const paramsOf = (c: Card, text: RegExp) => {
  const b = buttons(c).find((x) => text.test(x.text));
  if (!b || b.onClick.kind !== 'action') throw new Error(`no button ${text}`);
  return b.onClick.action.params ?? {};
};

/** The wizard's "Check audience" step for the Hurt hotels segment and the Payment holiday template. */
const previewCard = (w: ReturnType<typeof world>, name: string) =>
  cardOf(
    act(
      w.ctx(),
      'previewCampaign',
      { segment: 'Hurt hotels', index: '0' },
      { campaignName: name, campaignTemplate: 'Payment holiday' },
    ),
  );

describe('campaign wizard', () => {
  it('checks the audience, sends a test, starts, and finishes by trigger with every member emailed once', () => {
    const w = world();
    const setup = cardOf(act(w.ctx(), 'newCampaign', { segment: 'Hurt hotels' }));
    const select = widgets(setup).find((x) => x.kind === 'selectionInput');
    expect(select && select.kind === 'selectionInput' && select.items.find((i) => i.selected)?.value).toBe(
      'Payment holiday',
    );

    const preview = previewCard(w, 'Relief November');
    const text = JSON.stringify(preview);
    const holdout = Number(/"(\d+) of 60 held back/.exec(text)?.[1]);
    const emailed = Number(/"(\d+) customers"/.exec(text)?.[1]);
    expect(emailed + holdout).toBe(60);
    expect(text).toContain('6 of 60 held back (10%)'); // exactly 10%, the lowest hashes of campaign id and address
    expect(text).toContain('1 · Unsubscribed');
    expect(text).toContain('1 · Churned (the template is not a win-back)');
    expect(text).toMatch(/A payment holiday for Hotel \d+/);
    const start = paramsOf(preview, /^Start sending to/);
    expect(start.id).toMatch(/^cmp-/);

    expect(act(w.ctx(), 'sendTestEmail', { ...start, index: '0' })).toMatchObject({ kind: 'notify' });
    expect(w.world.mail.outbox).toHaveLength(1);
    expect(w.world.mail.outbox[0]!.to).toEqual(['am@nimbus.example']);
    expect(w.world.mail.outbox[0]!.subject).toMatch(/^\[Test\] A payment holiday for Hotel/);

    const started = act(w.ctx(), 'startCampaign', start);
    const progress = cardOf(started);
    expect(JSON.stringify(progress)).toMatch(/\d+ sent/);
    // A second press (double click, retried request) does not start a second campaign.
    const again = act(w.ctx(), 'startCampaign', start);
    expect(again.kind === 'navigate' && again.notification).toBe('This campaign has already started.');

    for (let h = 0; h < 6; h++) {
      w.world.clock.advance(HOUR);
      w.world.runDueTriggers((fn, execution) => {
        expect(fn).toBe('onHourlyTrigger');
        const report = appEntry(
          () => ({ ...createContext(execution.globals), clock: w.world.clock }),
          (e) => {
            throw e;
          },
        ).hourly();
        expect(report.errors).toEqual([]);
      });
    }
    const customerMail = w.world.mail.outbox.filter((m) => !m.subject.startsWith('[Test]'));
    const perAddress = new Map<string, number>();
    for (const m of customerMail) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(perAddress.size).toBe(emailed);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(perAddress.has('left@hotel.example') || perAddress.has('stop@hotel.example')).toBe(false);
    expect(customerMail[0]!.body ?? customerMail[0]!.htmlBody).toBeTruthy();

    const done = cardOf(act(w.ctx(), 'openCampaign', { id: start.id! }));
    expect(JSON.stringify(done)).toContain('Finished');
    expect(JSON.stringify(done)).toContain(`${emailed} sent`);
    // Nothing left to do: the trigger removed itself.
    expect(w.world.triggers.triggers).toHaveLength(0);
    // Pause on a card shown before it finished: the campaign as it is now, not a problem card.
    const late = act(w.ctx(), 'campaignControl', { id: start.id!, change: 'pause' });
    expect(late.kind === 'navigate' && late.notification).toMatch(/has already finished\.$/);
    expect(JSON.stringify(cardOf(late))).toContain('Finished');
  });

  it('blocks the start while any member would get a blank, and lists the rows', () => {
    const w = world((ss) => {
      ss.sheet('Settings')!.put(2, 2, 0); // no holdout: every member is emailed, so every blank counts
      ss.sheet('Templates')!.put(2, 2, 'Offer for {{Country}}');
      ss.sheet('Customers')!.put(1, 8, 'Country');
      ss.sheet('Customers')!.put(2, 8, 'Norway');
    });
    const preview = previewCard(w, 'Relief');
    const text = JSON.stringify(preview);
    expect(text).toMatch(/\d+ customers would get a blank/);
    // One line for the one cause, every emailed row but row 2 (which has a Country) named once, capped.
    expect(text).toContain(
      "Country is blank for 59 recipients: fill the cells in Customers, rows 3, 4, 5, 6, 7, 8, 9, 10 … (+51 more), or give {{Country}} a fallback ({{Country|…}}) in the template 'Payment holiday' in the Templates tab, row 2.",
    );
    expect(text.match(/Country/g)!.length).toBeLessThan(10);
    const blocked = Number(/(\d+) customers would get a blank/.exec(text)?.[1]);
    const emailed = Number(/"(\d+) customers"/.exec(text)?.[1]);
    expect([blocked, emailed]).toEqual([59, 60]);
    expect(buttons(preview).some((b) => /^Start sending/.test(b.text))).toBe(false);
  });

  it('measures the campaign: churn of emailed vs holdout at 30 days, replies noticed in the sidebar', () => {
    // A large holdout, so the comparison never lacks members.
    const w = world((ss) => ss.sheet('Settings')!.put(2, 2, 50));
    const preview = previewCard(w, 'Relief');
    const start = paramsOf(preview, /^Start sending to/);
    act(w.ctx(), 'startCampaign', start);
    for (let h = 0; h < 3; h++) {
      w.world.clock.advance(HOUR);
      w.world.runDueTriggers((_fn, execution) => {
        appEntry(
          () => ({ ...createContext(execution.globals), clock: w.world.clock }),
          (e) => {
            throw e;
          },
        ).hourly();
      });
    }
    // The snapshot was taken before the campaign: its outcomes wait for the next count.
    expect(JSON.stringify(cardOf(act(w.ctx(), 'openOutcomes')))).toContain('counted from the next refresh');
    act(w.ctx(), 'refreshHome');
    const log = w.ss.sheet('Campaigns')!.toValues().slice(1);
    const emailed = log.filter((r) => r[4] === 'emailed' && r[5] === 'sent').map((r) => String(r[2]));
    const held = log.filter((r) => r[4] === 'holdout').map((r) => String(r[2]));
    // Ten days on: one emailed customer replies; two held-out customers and one emailed customer churn.
    w.world.clock.advance(10 * 24 * HOUR);
    w.world.gmail.seed([
      {
        id: 'r1',
        from: emailed[0]!,
        to: 'am@nimbus.example',
        subject: 'Re: A payment holiday',
        date: w.world.clock.now().toISOString(),
        plainBody: 'Yes please, set it up.',
        accessToken: 'tok-r1',
      },
    ]);
    act(w.ctx(), 'homePage', { page: '0' });
    const opened = appEntry(
      () => ({ ...createContext(w.world.startExecution({ kind: 'card' }).globals), clock: w.world.clock }),
      (e) => {
        throw e;
      },
    ).gmailMessage({
      commonEventObject: { hostApp: 'GMAIL' },
      gmail: { messageId: 'r1', accessToken: 'tok-r1' },
    });
    expect(opened[0]?.name).toBe('customer');
    const sheet = w.ss.sheet('Customers')!;
    const rowOf = (email: string) => sheet.toValues().findIndex((r) => r[0] === email) + 1;
    for (const email of [held[0]!, held[1]!, emailed[1]!]) {
      sheet.put(rowOf(email), 6, 'Churned');
      sheet.put(rowOf(email), 8, w.world.clock.now());
    }
    sheet.put(1, 8, 'Churn date');

    const early = JSON.stringify(cardOf(act(w.ctx(), 'openOutcomes')));
    expect(early).toContain('30 days, so far (day 10)');
    expect(early).toContain('1 reply noticed');
    w.world.clock.advance(25 * 24 * HOUR);
    // The churns were typed into the sheet, not made through ChurnGuard: the outcomes card counts from
    // the portfolio snapshot and says how old it is, until Refresh recounts (a small sheet at once).
    const stale = JSON.stringify(cardOf(act(w.ctx(), 'openOutcomes')));
    expect(stale).toContain('0 churned');
    expect(stale).toMatch(/"text":"as of \d+ \w+ \d\d:\d\d UTC","wrapText":true,"icon":"CLOCK"/);
    act(w.ctx(), 'refreshHome');
    const card = JSON.stringify(cardOf(act(w.ctx(), 'openOutcomes')));
    // Words first, with the counts; the interval only in a details row.
    expect(card).toContain(
      `"topLabel":"30 days","text":"Churn · Too few to tell: ${emailed.length} emailed, ${held.length} held back, 3 churned`,
    );
    expect(card).toMatch(
      /"topLabel":"Details","text":"30 days: Churn [\d.]+% emailed vs [\d.]+% held back: .*95% interval/,
    );
    expect(card).not.toContain('CI');
    expect(card).toContain('Payment holiday · 1 campaign');
    expect(JSON.stringify(cardOf(act(w.ctx(), 'homePage', { page: '0' })))).toContain('What works');
  });
});
