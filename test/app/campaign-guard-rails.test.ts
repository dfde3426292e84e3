/**
 * Issue 20: a campaign keeps the product's promises, end to end on the stand-ins through the
 * dispatcher and the hourly entry point.
 * - Guard rails per recipient: a "Hard hit" payment-holiday campaign whose audience mixes customers
 *   above and below the value line sends the holiday only above it; below it the playbook's
 *   alternative (Check-in) goes instead, or, without that template, they are left out with the reason.
 * - The holdout: exactly 10% of who can be emailed, the same group at every check and after Start,
 *   and an offer to turn it off when it is too small to measure anything.
 */
import { buildHomepage } from '../../src/app/handlers/home';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { act, runHourlyTriggers } from '../helpers/stand-in-context';
import { hotelCampaignContext } from '../helpers/hotel-segment-world';
import { buttonParams, shownCard } from '../helpers/shown-card';
import { checkAudienceBounded } from '../../src/app/campaigns/audience-check';
import { loadCampaign } from '../../src/app/campaigns/meta';
import { startSegmentCampaign } from '../../src/app/campaigns/start';
import { DEFAULT_TEAM_SETTINGS } from '../../src/core/settings/team-settings';

const header = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status'];
/** The four ($50, $55, $56, $72) and twenty hotels paying 200-390: the top half starts at 280. */
const MRRS = [50, 55, 56, 72, ...Array.from({ length: 20 }, (_, i) => 200 + i * 10)];
const hotel = (mrr: number, i: number) => [
  `owner${i}@hotel${i}.example`,
  `Guest ${i}`,
  `Hotel ${i}`,
  'Hotels',
  mrr,
  'Active',
];

function world(
  customers: unknown[][],
  options: {
    holdout: number;
    templates?: readonly (readonly string[])[];
    settings?: Record<string, unknown>;
  },
) {
  const w = hotelCampaignContext([header, ...customers], {
    segment: 'Hard hit',
    playbook: 'Payment holiday',
    templates: (options.templates ?? DEFAULT_TEMPLATES).map((r) => [...r]),
    settingsRows: [['Holdout %', String(options.holdout)]],
    ...(options.settings ? { settings: options.settings } : {}),
  });
  // The homepage reads every customer and stores the value lines (as the sidebar's guard rails use them).
  buildHomepage(w.ctx());
  return w;
}

/** The setup card, then its "Check audience" with the name and template in the form. */
function firstCheck(w: ReturnType<typeof world>, name = 'Relief') {
  const setup = shownCard(act(w.ctx(), 'newCampaign', { segment: 'Hard hit' }));
  const params = buttonParams(setup, /^Check audience$/);
  const response = act(w.ctx(), 'previewCampaign', params, {
    campaignName: name,
    campaignTemplate: 'Payment holiday',
  });
  return { setup, params, response, card: shownCard(response) };
}

function runTriggers(w: ReturnType<typeof world>, hours: number) {
  for (const run of runHourlyTriggers(w, hours)) expect(run.report.errors).toEqual([]);
}

/** The Campaigns tab as objects, by its header. */
function logRows(w: ReturnType<typeof world>) {
  const [head, ...rows] = w.ss.sheet('Campaigns')!.toValues();
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i]])));
}

describe('guard rails per recipient', () => {
  it('sends the payment holiday above the value line and the check-in below it, and says so on the check', () => {
    const w = world(MRRS.map(hotel), { holdout: 0 });
    const { card } = firstCheck(w);
    const text = JSON.stringify(card);
    expect(text).toContain('12 get “Check-in” instead (the offer’s guard rail refused them)');
    expect(text).toContain('"text":[{"text":"24 customers","bold":true}]');
    // Recipient 1 ($50) is previewed with the template they will get.
    expect(text).toContain('Gets “Check-in”: the offer’s guard rail refused them');
    expect(text).toContain('Quick check-in');

    act(w.ctx(), 'startCampaign', buttonParams(card, /^Start sending to 24/));
    runTriggers(w, 3);
    const subjects = new Map(w.world.mail.outbox.map((m) => [m.to[0]!, m.subject]));
    expect(subjects.size).toBe(24);
    MRRS.forEach((mrr, i) => {
      const subject = subjects.get(`owner${i}@hotel${i}.example`);
      if (mrr >= 280) expect(subject).toMatch(/^A payment holiday for Hotel/);
      else expect(subject).toBe('Quick check-in');
    });
    // The log says which template each recipient got; the campaign's own template leaves it blank.
    const rows = logRows(w);
    expect(rows.filter((r) => r.Template === 'Check-in')).toHaveLength(12);
    expect(rows.find((r) => r.Email === 'owner0@hotel0.example')).toMatchObject({
      Status: 'sent',
      Template: 'Check-in',
    });
  });

  it('leaves out whoever the rail refuses when the playbook has no alternative template, counting them in words', () => {
    const w = world(MRRS.map(hotel), {
      holdout: 0,
      templates: DEFAULT_TEMPLATES.filter((r) => r[0] !== 'Check-in'),
    });
    const { card } = firstCheck(w);
    const text = JSON.stringify(card);
    expect(text).toContain('12 below the value line for a payment holiday');
    expect(text).toContain('"text":[{"text":"12 customers","bold":true}]');
    act(w.ctx(), 'startCampaign', buttonParams(card, /^Start sending to 12/));
    runTriggers(w, 2);
    expect(w.world.mail.outbox.map((m) => m.to[0]).sort()).toEqual(
      MRRS.flatMap((mrr, i) => (mrr >= 280 ? [`owner${i}@hotel${i}.example`] : [])).sort(),
    );
    const refused = logRows(w).find((r) => r.Email === 'owner3@hotel3.example');
    expect(refused).toMatchObject({ Status: 'excluded' });
    expect(String(refused!.Detail)).toContain('MRR 72 is below the top 50% line (280)');
  });
});

describe('the holdout', () => {
  /** 100 hotels, all relief-worthy (top 100%), so only the holdout decides who is emailed. */
  const everyone = Array.from({ length: 100 }, (_, i) => hotel(500 + i, i));

  it('holds back exactly 10% and the same customers at every check and after Start', () => {
    const w = world(everyone, { holdout: 10, settings: { playbooks: { reliefTopShare: 1 } } });
    const first = firstCheck(w);
    expect(first.response.kind === 'navigate' && first.response.steps[0]!.kind).toBe('push');
    expect(JSON.stringify(first.card)).toContain('10 of 100 held back (10%)');
    const id = buttonParams(first.card, /^Start sending to 90/).id;
    expect(id).toBe(first.params.id); // the setup card chose the id
    // Back to the setup card and check again, then "Check again" twice: one campaign, one draw.
    const again = shownCard(
      act(w.ctx(), 'previewCampaign', first.params, {
        campaignName: 'Relief',
        campaignTemplate: 'Payment holiday',
      }),
    );
    expect(buttonParams(again, /^Start sending to 90/).id).toBe(id);
    let card = again;
    for (let i = 0; i < 2; i++) {
      card = shownCard(act(w.ctx(), 'previewCampaign', buttonParams(card, /^Check again$/)));
      expect(JSON.stringify(card)).toContain('10 of 100 held back (10%)');
    }
    act(w.ctx(), 'startCampaign', buttonParams(card, /^Start sending to 90/));
    runTriggers(w, 2);
    const held = logRows(w).filter((r) => r.Group === 'holdout');
    expect(held).toHaveLength(10);
    expect(w.world.mail.outbox).toHaveLength(90);
    const mailed = new Set(w.world.mail.outbox.map((m) => m.to[0]));
    expect(held.some((r) => mailed.has(String(r.Email)))).toBe(false);
  });

  it('says a small holdout cannot measure anything and lets the user send to everyone', () => {
    const w = world(everyone.slice(0, 30), { holdout: 10, settings: { playbooks: { reliefTopShare: 1 } } });
    const { card } = firstCheck(w);
    const text = JSON.stringify(card);
    expect(text).toContain('3 of 30 held back (10%)');
    expect(text).toContain('This holdout is too small to measure anything');
    const off = shownCard(act(w.ctx(), 'previewCampaign', buttonParams(card, /^Send to everyone/)));
    expect(JSON.stringify(off)).toContain('Holdout: off');
    // The choice stays with the wizard: Start sends to all 30, nobody is held back.
    act(w.ctx(), 'startCampaign', buttonParams(off, /^Start sending to 30/));
    runTriggers(w, 2);
    expect(w.world.mail.outbox).toHaveLength(30);
    expect(logRows(w).filter((r) => r.Group === 'holdout')).toHaveLength(0);
    const list = JSON.stringify(shownCard(act(w.ctx(), 'openOutcomes')));
    expect(list).toContain('no holdout (turned off at the audience check)');
  });

  it('writes the same group chunk by chunk in the background as the check drew whole', () => {
    const w = world(everyone, { holdout: 10, settings: { playbooks: { reliefTopShare: 1 } } });
    const id = 'cmp-20261120-0900-chk';
    const job = { id, name: 'Relief', segment: 'Hard hit', template: 'Payment holiday', winBack: false };
    const checked = checkAudienceBounded(w.ctx(), w.ss.id, job, 60_000);
    expect(checked.holdoutCut).toBeDefined();
    const drawn = checked.plan.entries
      .filter((e) => e.status === 'holdout')
      .map((e) => e.email)
      .sort();
    expect(drawn).toHaveLength(10);
    const ctx = w.ctx();
    const sheet = ctx.customerSheet(w.ss.id, 'Customers');
    // Seven rows a chunk: fifteen chunks over several hourly runs, never the whole audience at once.
    const started = startSegmentCampaign(
      ctx,
      {
        ...job,
        spreadsheetId: w.ss.id,
        team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 10 },
        sheetBlockers: [],
        chunkCells: 7 * header.length,
        appendEvery: 7,
        holdoutCut: checked.holdoutCut!,
      },
      sheet,
    );
    expect(started.kind === 'started' && started.meta.state).toBe('preparing');
    runTriggers(w, 3);
    expect(loadCampaign(w.ctx().userStore, id)?.state).not.toBe('preparing');
    const written = logRows(w)
      .filter((r) => r.Group === 'holdout')
      .map((r) => String(r.Email))
      .sort();
    expect(written).toEqual(drawn);
  });
});
