/**
 * The unsubscribe loop on the Apps Script stand-ins, through the same adapters production uses: a
 * campaign email carries a signed link in its footer (text and HTML, in the customer's language);
 * the web app's doGet, run as the deploying account, records the click; the next send skips the
 * customer even before the sheet is marked; the hourly step marks the Unsubscribed column; the next
 * campaign's audience leaves them out. Each rule has its own expectation, so removing it fails here.
 */
import {
  sheetComposer,
  UNSUBSCRIBE_CLICKED,
  UNSUBSCRIBED_SINCE_AUDIENCE,
} from '../../../src/app/campaigns/composer';
import { runHourly, type ComposerFactory } from '../../../src/app/campaigns/run';
import { startSegmentCampaign } from '../../../src/app/campaigns/start';
import type { AppContext } from '../../../src/app/context';
import { applyPendingUnsubscribes } from '../../../src/app/unsubscribe/apply';
import { DEFAULT_TEAM_SETTINGS } from '../../../src/core/settings/team-settings';
import { DEFAULT_TEMPLATES } from '../../../src/core/templates';
import { pendingKey } from '../../../src/core/unsubscribe/pending';
import { base64Url, utf8Bytes } from '../../../src/core/unsubscribe/bytes';
import { readToken } from '../../../src/core/unsubscribe/token';
import { gasEntryPoints } from '../../../src/gas/entry-points';
import { createCardService } from '../../../src/local/standins';
import { hotelSegmentWorld } from '../../helpers/hotel-segment-world';

const HEADER = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Unsubscribed', 'Language'];
const AIGERIM = 'aigerim@hotel1.example';
const BORIS = 'boris@hotel2.example';
const CEM = 'cem@hotel3.example';
const DEPLOYER = 'deployer@churnguard.example';

function setup() {
  const { world, ss, contextOf } = hotelSegmentWorld(
    [
      HEADER,
      [AIGERIM, 'Aigerim', 'Hotel 1', 'Hotels', 900, 'Active', '', 'kk'],
      [BORIS, 'Boris', 'Hotel 2', 'Hotels', 800, 'Active', '', 'Russian'],
      [CEM, 'Cem', 'Hotel 3', 'Hotels', 700, 'Active', '', 'tr'],
    ],
    [{ name: 'Templates', values: DEFAULT_TEMPLATES.map((r) => [...r]) }],
  );
  const inExecution = <T>(work: (ctx: AppContext) => T, kind: 'card' | 'trigger' = 'trigger'): T => {
    const e = world.startExecution({ kind });
    try {
      return work(contextOf(e));
    } finally {
      e.end();
    }
  };
  /** Starts a campaign to the segment and runs it to the end (the hourly runs, without their other steps). */
  const campaign = (id: string) => {
    inExecution(
      (ctx) =>
        startSegmentCampaign(
          ctx,
          {
            id,
            name: 'Relief',
            template: 'Payment holiday',
            segment: 'Hurt hotels',
            spreadsheetId: ss.id,
            winBack: false,
            team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 0, coolDownDays: 0 },
            sheetBlockers: [],
          },
          ctx.customerSheet(ss.id, 'Customers'),
        ),
      'card',
    );
    for (let i = 0; i < 4; i++) {
      world.clock.advance(3_600_000);
      inExecution((ctx) => runHourly(ctx, sheetComposer));
    }
    return inExecution((ctx) => ctx.campaignLog(ss.id).recipients(id));
  };
  /** The web app's GET as Apps Script runs it: its own execution, as the deploying account. */
  const click = (token: string) => {
    const e = world.startExecution({ kind: 'webapp', user: DEPLOYER });
    try {
      return gasEntryPoints(() => ({ ...e.globals, CardService: createCardService() }))
        .doGet({ parameter: { token }, queryString: `token=${token}` })
        .getContent();
    } finally {
      e.end();
    }
  };
  const mailTo = (email: string) => world.mail.outbox.filter((m) => m.to.includes(email));
  const tokenIn = (text: string) => /[?&]token=([A-Za-z0-9_.-]+)/.exec(text)?.[1] ?? '';
  const pending = () => world.scriptProperties.get(pendingKey(ss.id));
  const unsubscribedCell = (email: string) =>
    ss
      .sheet('Customers')!
      .toValues()
      .find((r) => r[0] === email)?.[6];
  return { world, ss, campaign, click, mailTo, tokenIn, pending, unsubscribedCell, inExecution };
}

describe('unsubscribe, from the email to the sheet', () => {
  it('puts a signed link in every email footer, text and HTML, in the customer’s language', () => {
    const w = setup();
    w.campaign('cmp-20261120-0001');
    for (const [email, words] of [
      [AIGERIM, 'Жазылымнан бас тарту'],
      [BORIS, 'Отписаться'],
      [CEM, 'Abonelikten çık'],
    ] as const) {
      const [mail] = w.mailTo(email);
      expect(mail).toBeDefined();
      expect(mail!.body).toContain(
        `${words}: https://script.google.com/macros/s/STANDIN-DEPLOYMENT/exec?token=`,
      );
      expect(mail!.htmlBody).toMatch(
        new RegExp(
          `<a href="https://script\\.google\\.com/macros/s/STANDIN-DEPLOYMENT/exec\\?token=[^"]+">${words}</a>`,
        ),
      );
      const read = readToken(w.tokenIn(mail!.body));
      expect(read.ok && read.claim).toEqual({
        sheetId: w.ss.id,
        campaignId: 'cmp-20261120-0001',
        email,
        lang: read.ok ? read.claim.lang : '',
      });
      expect(w.tokenIn(mail!.htmlBody ?? '')).toBe(w.tokenIn(mail!.body));
    }
  });

  it('records a click as the deployer, skips the customer at the next send, marks the sheet, then leaves them out', () => {
    const w = setup();
    w.campaign('cmp-20261120-0001');
    const token = w.tokenIn(w.mailTo(AIGERIM)[0]!.body);

    const page = w.click(token);
    expect(page).toContain('Жазылымнан бас тарттыңыз');
    expect(page).toContain(`<b>${AIGERIM}</b>`);
    expect(JSON.parse(w.pending()!)).toEqual([
      expect.objectContaining({ email: AIGERIM, campaignId: 'cmp-20261120-0001' }),
    ]);
    // The deployer's own settings are untouched; nothing is written to the sheet by the web app.
    expect(w.world.account(DEPLOYER).properties.values.size).toBe(0);
    expect(w.unsubscribedCell(AIGERIM)).toBe('');

    // A replayed click changes nothing: still one pending entry, the same confirmation.
    expect(w.click(token)).toContain('Жазылымнан бас тарттыңыз');
    expect(JSON.parse(w.pending()!)).toHaveLength(1);

    // The next campaign, before any hourly apply: the audience still has her, the send skips her.
    const sentBefore = w.mailTo(AIGERIM).length;
    const second = w.campaign('cmp-20261120-0002');
    expect(w.mailTo(AIGERIM)).toHaveLength(sentBefore);
    expect(second.find((r) => r.email === AIGERIM)).toMatchObject({
      status: 'excluded',
      detail: UNSUBSCRIBE_CLICKED,
    });
    expect(w.mailTo(BORIS)).toHaveLength(2);

    // The hourly step writes the sheet and empties the list.
    expect(w.inExecution((ctx) => applyPendingUnsubscribes(ctx))).toEqual({ applied: 1, waiting: 0 });
    expect(w.unsubscribedCell(AIGERIM)).toBe('Yes');
    expect(w.pending()).toBeNull();

    // A third campaign's audience leaves her out as unsubscribed; a click after that still confirms.
    const third = w.campaign('cmp-20261120-0003');
    expect(third.find((r) => r.email === AIGERIM)).toMatchObject({ status: 'excluded' });
    expect(w.mailTo(AIGERIM)).toHaveLength(sentBefore);
    expect(w.click(token)).toContain('Жазылымнан бас тарттыңыз');
  });

  it('changes nothing for a forged token or one edited to name another address', () => {
    const w = setup();
    w.campaign('cmp-20261120-0001');
    const token = w.tokenIn(w.mailTo(AIGERIM)[0]!.body);
    const [, signature] = token.split('.');
    const edited = `${base64Url(utf8Bytes(JSON.stringify([w.ss.id, 'cmp-20261120-0001', BORIS, 'kk'])))}.${signature}`;
    expect(w.click(edited)).toContain('data-outcome="invalid"');
    expect(w.click(`${token.split('.')[0]}.${base64Url(new Array(32).fill(7))}`)).toContain(
      'data-outcome="invalid"',
    );
    expect(w.click('nonsense')).toContain('data-outcome="invalid"');
    expect(w.pending()).toBeNull();
    w.campaign('cmp-20261120-0002');
    expect(w.mailTo(BORIS)).toHaveLength(2);
  });

  it('skips a customer marked Unsubscribed in the sheet after the audience was written', () => {
    const w = setup();
    w.inExecution(
      (ctx) =>
        startSegmentCampaign(
          ctx,
          {
            id: 'cmp-20261120-0001',
            name: 'Relief',
            template: 'Payment holiday',
            segment: 'Hurt hotels',
            spreadsheetId: w.ss.id,
            winBack: false,
            team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 0 },
            sheetBlockers: [],
          },
          ctx.customerSheet(w.ss.id, 'Customers'),
        ),
      'card',
    );
    // The hourly run writes the audience (Cem included), then a person ticks Cem's cell just before
    // the composer reads the rows it sends to.
    const sheet = w.ss.sheet('Customers')!;
    const tickCem: ComposerFactory = (ctx, meta) => {
      sheet.put(sheet.toValues().findIndex((r) => r[0] === CEM) + 1, 7, 'yes');
      return sheetComposer(ctx, meta);
    };
    w.world.clock.advance(3_600_000);
    w.inExecution((ctx) => runHourly(ctx, tickCem));
    const log = w.inExecution((ctx) => ctx.campaignLog(w.ss.id).recipients('cmp-20261120-0001'));
    expect(log.find((r) => r.email === CEM)).toMatchObject({
      status: 'excluded',
      detail: UNSUBSCRIBED_SINCE_AUDIENCE,
    });
    expect(w.mailTo(CEM)).toHaveLength(0);
  });

  it('sends nothing without a web app deployment, and says how to fix it', () => {
    const w = setup();
    w.world.webAppUrl = null;
    const log = w.campaign('cmp-20261120-0001');
    expect(w.world.mail.outbox).toHaveLength(0);
    expect(log.every((r) => r.status === 'failed' && /no web app deployment/.test(r.detail))).toBe(true);
  });
});
