/**
 * The built bundle, loaded as Apps Script loads it: a bare V8 context whose only globals are the
 * Apps Script stand-ins. These tests call the top-level functions the manifest names, with event
 * objects shaped like Gmail's, and assert on the card JSON CardService would receive.
 */
import { responseTypeOfValue } from '../../src/local/standins/card-service';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestFunctionNames, parseManifest } from '../../scripts/lib/manifest-schema';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { gmailEvent } from '../../src/local/gmail-events';
import { AppsScriptWorld, createCardService } from '../../src/local/standins';
import type { ActionResponseJson, CardJson } from '../../src/local/standins/card-service';
import { callGlobal, loadBundle, readBundle } from '../helpers/bundle-vm';

const ROOT = path.resolve(__dirname, '../..');
const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));

function setup() {
  const world = new AppsScriptWorld({ latency: 'none' });
  const sheet = world.spreadsheets.create({
    name: 'Nimbus customers',
    sheets: [
      {
        name: 'Customers',
        values: [
          [
            'Email',
            'Name',
            'Company',
            'Plan',
            'MRR',
            'Last activity',
            'Overdue invoices',
            'Days late',
            'NPS',
            'Crisis impact',
          ],
          [
            'elif@anatolia-travel.example',
            'Elif Öztürk',
            'Anatolia Travel',
            'Growth',
            1200,
            new Date(Date.now() - 120 * 86_400_000),
            2,
            45,
            4,
            'Severe',
          ],
          [
            'ops@anatolia-travel.example',
            'Anatolia Ops',
            'Anatolia Travel',
            'Starter',
            99,
            '',
            '',
            '',
            '',
            '',
          ],
          [
            'kari@fjord-clinic.example',
            'Kari Nordmann',
            'Fjord Clinic',
            'Business',
            'lots',
            '',
            '',
            '',
            '',
            'Booming',
          ],
          ['dup@twin.example', 'Dana Twin', 'Twin Hotels', 'Growth', 400, '', '', '', '', ''],
          ['dup@twin.example', 'Dana Twin', 'Twin Hotels Nord', 'Starter', 80, '', '', '', '', ''],
        ],
      },
      { name: 'Notes', values: [] },
    ],
  });
  world.gmail.seed([
    {
      id: 'msg-domain',
      from: 'New Person <new.person@anatolia-travel.example>',
      to: 'am@nimbus.example',
      subject: 'Hello',
      date: '2026-11-19T08:30:00Z',
      plainBody: 'Hi',
    },
    {
      id: 'msg-dup',
      from: 'Dana Twin <dup@twin.example>',
      to: 'am@nimbus.example',
      subject: 'Invoice',
      date: '2026-11-19T08:30:00Z',
      plainBody: 'Hi',
    },
    {
      id: 'msg-stranger',
      from: 'Stranger <who@nowhere.example>',
      to: 'am@nimbus.example',
      subject: 'Offer',
      date: '2026-11-19T08:30:00Z',
      plainBody: 'Hi',
    },
    {
      id: 'msg-sent',
      from: 'am@nimbus.example',
      to: 'Kari Nordmann <kari@fjord-clinic.example>',
      subject: 'Your renewal',
      date: '2026-11-19T08:30:00Z',
      plainBody: 'Hi Kari',
    },
    {
      id: 'msg-1',
      threadId: 'thread-1',
      from: 'Elif Öztürk <elif@anatolia-travel.example>',
      to: 'am@nimbus.example',
      subject: 'Aboneliğimizi iptal etmek istiyoruz',
      date: '2026-11-19T08:30:00Z',
      plainBody: 'Merhaba, aboneliğimizi iptal etmek istiyoruz.',
    },
  ]);
  const execution = world.startExecution({ kind: 'card' });
  const cardService = createCardService();
  const context = loadBundle({ ...execution.globals, CardService: cardService });
  const json = <T = CardJson>(built: unknown): T =>
    JSON.parse((built as { printJson(): string }).printJson()) as T;
  return { world, sheet, execution, context, cardService, json };
}

const allText = (value: unknown) => JSON.stringify(value);

describe('build/Code.js in a bare Apps Script-like context', () => {
  const code = readBundle();

  it('declares every manifest function and the dispatcher as a top-level function', () => {
    for (const name of [...manifestFunctionNames(manifest), 'onCardAction']) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(e\\) \\{$`, 'm'));
    }
  });

  it('contains no Node module loading', () => {
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    expect(code).not.toMatch(/\bimport\.meta\b/);
  });

  it('shows the homepage, with the connect button when no sheet is set', () => {
    const { context, json, world } = setup();
    const cards = callGlobal(context, 'onHomepage', gmailEvent()) as unknown[];
    expect(cards).toHaveLength(1);
    const card = json(cards[0]);
    expect(card.header?.title).toBe('ChurnGuard');
    expect(card.header?.subtitle).toBe(world.user);
    expect(allText(card)).toContain('Connect a sheet');
    expect(allText(card)).toContain('"key":"action","value":"openSettings"');
  });

  it('shows the connected sheet on the homepage', () => {
    const { context, json, world, sheet } = setup();
    world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: sheet.id }));
    const card = json((callGlobal(context, 'onHomepage', gmailEvent()) as unknown[])[0]);
    expect(allText(card)).toContain('Nimbus customers');
    expect(allText(card)).toContain('Customers');
  });

  it('reads the open message with its access token and shows the sender when no sheet is connected', () => {
    const { context, json, world } = setup();
    const cards = callGlobal(context, 'onGmailMessage', gmailEvent({ messageId: 'msg-1' })) as unknown[];
    const card = json(cards[0]);
    expect(card.header).toEqual({ title: 'Elif Öztürk', subtitle: 'elif@anatolia-travel.example' });
    expect(allText(card)).toContain('Aboneliğimizi iptal etmek istiyoruz');
    expect(world.calls.get('GmailApp.setCurrentMessageAccessToken')).toBe(1);
  });

  describe('with the customer sheet connected', () => {
    const connected = () => {
      const s = setup();
      s.world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: s.sheet.id }));
      const open = (messageId: string) =>
        s.json((callGlobal(s.context, 'onGmailMessage', gmailEvent({ messageId })) as unknown[])[0]);
      return { ...s, open };
    };

    it('shows a known customer with risk, band and reasons', () => {
      const { open } = connected();
      const card = open('msg-1');
      expect(card.name).toBe('customer');
      expect(card.header).toMatchObject({
        title: 'Elif Öztürk',
        subtitle: 'Anatolia Travel · Growth · $1,200/mo',
      });
      const text = allText(card);
      expect(text).toMatch(/Critical risk|High risk/);
      expect(text).toContain('Dormant: no activity for 120 days');
      expect(text).toContain('2 invoices overdue, 45 days late');
      // What this very email says, in Turkish, counts as a signal and is shown with its words.
      expect(text).toContain('What this email says');
      expect(text).toContain('Cancellation request');
      expect(text).toContain('“aboneliğimizi iptal');
      expect(text).toContain('"key":"action","value":"explainRisk"');
    });

    it('shows the portfolio on the homepage, riskiest value first, and pages by action', () => {
      const { context, json } = connected();
      const card = json((callGlobal(context, 'onHomepage', gmailEvent()) as unknown[])[0]);
      const text = allText(card);
      expect(text).toContain('Active customers');
      expect(text).toContain('MRR at high or critical risk');
      expect(text).toMatch(/Call first · 1 at high or critical risk/);
      expect(text).toContain('Elif Öztürk');
      const bad = json<ActionResponseJson>(
        callGlobal(context, 'onCardAction', gmailEvent({ parameters: { action: 'homePage', page: 'two' } })),
      );
      expect(allText(bad)).toContain('page must be a page number');
    });

    it('matches an unknown address by company domain, says so, and lets the manager pick another', () => {
      const { open, context, json } = connected();
      const card = open('msg-domain');
      expect(card.name).toBe('customer');
      expect(allText(card)).toContain(
        'Matched by domain: new.person@anatolia-travel.example is not in the sheet',
      );
      expect(allText(card)).toContain('(1 of 2)');
      expect(allText(card)).toContain('Others at this company');
      const picked = json<ActionResponseJson>(
        callGlobal(
          context,
          'onCardAction',
          gmailEvent({ parameters: { action: 'showCustomer', email: 'ops@anatolia-travel.example' } }),
        ),
      );
      const pushed = (picked.action.navigations?.[0] as { pushCard: CardJson }).pushCard;
      expect(pushed.header?.title).toBe('Anatolia Ops');
    });

    it('shows one of several rows holding the same email, and lets the manager pick the other row', () => {
      const { open, context, json } = connected();
      const card = open('msg-dup');
      expect(allText(card)).toContain('2 rows have this email; showing row 5.');
      expect(allText(card)).toContain('Other rows with this email');
      expect(allText(card)).toContain('Row 6: Dana Twin');
      expect(allText(card)).toContain('Twin Hotels Nord · Starter');
      const picked = json<ActionResponseJson>(
        callGlobal(
          context,
          'onCardAction',
          gmailEvent({ parameters: { action: 'showCustomer', email: 'dup@twin.example', row: '6' } }),
        ),
      );
      const pushed = (picked.action.navigations?.[0] as { pushCard: CardJson }).pushCard;
      expect(allText(pushed)).toContain('showing row 6');
      expect(allText(pushed)).toContain('Row 5: Dana Twin');
      expect(allText(pushed)).toContain('80/mo');
    });

    it('offers the unknown sender card for a stranger', () => {
      const card = connected().open('msg-stranger');
      expect(card.name).toBe('message');
      expect(allText(card)).toContain('who@nowhere.example is not in your customer sheet');
    });

    it('looks up the recipient of a message the user sent, and lists a bad cell', () => {
      const card = connected().open('msg-sent');
      expect(card.header?.title).toBe('Kari Nordmann');
      expect(allText(card)).toContain("Customers!E4 (MRR): not a number: 'lots'");
    });

    it('explains the score on a second card', () => {
      const { context, json } = connected();
      const r = json<ActionResponseJson>(
        callGlobal(
          context,
          'onCardAction',
          gmailEvent({ parameters: { action: 'explainRisk', email: 'elif@anatolia-travel.example' } }),
        ),
      );
      const pushed = (r.action.navigations?.[0] as { pushCard: CardJson }).pushCard;
      expect(pushed.name).toBe('risk-explanation');
      expect(allText(pushed)).toContain('Industry hit hard by the crisis');
    });

    it('scores every customer into the sheet in bounded reads and one block write', () => {
      const { context, json, world, sheet } = connected();
      const act = () =>
        json<ActionResponseJson>(
          callGlobal(context, 'onCardAction', gmailEvent({ parameters: { action: 'rescoreAll' } })),
        );
      expect(act().action.notification?.text).toBe(
        'Scored 2 customers into the "ChurnGuard risk" column (3 rows without a score, 2 cell issues).',
      );
      const values = sheet.sheet('Customers')!.toValues();
      expect(values[0]!.slice(-2)).toEqual(['ChurnGuard risk', 'ChurnGuard band']);
      expect(['High', 'Critical']).toContain(values[1]![11]);
      expect(values[2]!.slice(-2)).toEqual(['', '']); // no data to score
      expect(typeof values[1]![10]).toBe('number');
      world.calls.reset();
      act(); // second run: headers exist, so the rows are written in one block
      // The chunked job: the walk's header read, then the chunk's headers and rows; one write for
      // the risk and band cells and one for the snapshot tab.
      expect(world.calls.get('Range.getValues')).toBe(3);
      expect(world.calls.get('Range.setValues')).toBe(2);
      expect(sheet.sheet('Customers')!.toValues()[0]).toHaveLength(12);
    });

    describe('changing a customer from the sidebar', () => {
      const action = (c: ReturnType<typeof connected>, parameters: Record<string, string>, formInputs = {}) =>
        c.json<ActionResponseJson>(
          callGlobal(c.context, 'onCardAction', gmailEvent({ parameters, formInputs, messageId: 'msg-1' })),
        );
      const ELIF = 'elif@anatolia-travel.example';

      it('saves a note to a Notes tab it creates, with time and author', () => {
        const c = connected();
        expect(action(c, { action: 'saveNote', email: ELIF }, { note: '' }).action.notification?.text).toBe(
          'Write a note first; nothing was saved.',
        );
        const r = action(
          c,
          { action: 'saveNote', email: ELIF },
          { note: 'Called Elif: asks for 3 months of installments 🙏' },
        );
        expect(r.action.notification?.text).toBe('Note saved to the Notes tab');
        const notes = c.sheet.sheet('Notes')!.toValues();
        expect(notes[0]).toEqual(['Time', 'Customer email', 'Author', 'Note']);
        expect(notes[1]!.slice(1)).toEqual([
          ELIF,
          'am@nimbus.example',
          'Called Elif: asks for 3 months of installments 🙏',
        ]);
        expect(notes[1]![0]).toBeInstanceOf(Date);
      });

      it('edits tags, adding a Tags column when the sheet has none', () => {
        const c = connected();
        const r = action(
          c,
          { action: 'saveTags', email: ELIF },
          { tags: [], newTag: 'vip, payment holiday' },
        );
        expect(r.action.notification?.text).toBe('Tags saved: vip, payment holiday');
        const values = c.sheet.sheet('Customers')!.toValues();
        const col = values[0]!.indexOf('Tags');
        expect(col).toBeGreaterThan(0);
        expect(values[1]![col]).toBe('vip, payment holiday');
        const card = (
          action(c, { action: 'openTags', email: ELIF }).action.navigations?.[0] as { pushCard: CardJson }
        ).pushCard;
        expect(allText(card)).toContain('"text":"payment holiday"');
      });

      it('marks a customer churned with today’s date, and notes it', () => {
        const c = connected();
        action(c, { action: 'markStatus', email: ELIF, status: 'churned' });
        const values = c.sheet.sheet('Customers')!.toValues();
        expect(values[1]![values[0]!.indexOf('Status')]).toBe('Churned');
        expect(values[1]![values[0]!.indexOf('Churn date')]).toBeInstanceOf(Date);
        expect(c.sheet.sheet('Notes')!.toValues()[1]![3]).toBe('Marked as churned');
        expect(
          action(c, { action: 'markStatus', email: ELIF, status: 'gone' }).action.navigations,
        ).toBeDefined();
      });

      it('adds an unknown sender to the sheet once', () => {
        const c = connected();
        const r = action(c, { action: 'addCustomer', email: 'who@nowhere.example', name: 'Stranger' });
        expect(r.action.notification?.text).toBe('Added who@nowhere.example to the sheet');
        const values = c.sheet.sheet('Customers')!.toValues();
        expect(values.at(-1)!.slice(0, 3)).toEqual(['who@nowhere.example', 'Stranger', 'nowhere']);
        const again = action(c, { action: 'addCustomer', email: 'who@nowhere.example', name: 'Stranger' });
        expect(again.action.notification?.text).toBe('who@nowhere.example is already in the sheet');
        expect(c.sheet.sheet('Customers')!.toValues()).toHaveLength(values.length);
      });
    });

    it('says how to fix a renamed customer tab', () => {
      const { open, sheet } = connected();
      sheet.sheet('Customers')!.name = 'Clients';
      const card = open('msg-1');
      expect(card.name).toBe('problem');
      expect(allText(card)).toContain('Customer tab not found');
    });
  });

  it('turns a missing message into a problem card, not an exception', () => {
    const { context, json, world } = setup();
    const cards = callGlobal(context, 'onGmailMessage', gmailEvent({ messageId: 'nope' })) as unknown[];
    const card = json(cards[0]);
    expect(card.name).toBe('problem');
    expect(allText(card)).toContain('Invalid argument: nope');
    expect(world.log.some((l) => l.startsWith('[error] ChurnGuard:'))).toBe(true);
  });

  it('saves settings through the action dispatcher and updates the homepage', () => {
    const { context, json, world, sheet } = setup();
    const response = json<ActionResponseJson>(
      callGlobal(
        context,
        'onCardAction',
        gmailEvent({
          parameters: { action: 'saveSettings' },
          formInputs: {
            spreadsheet: `https://docs.google.com/spreadsheets/d/${sheet.id}/edit`,
            customerSheet: 'Customers',
          },
        }),
      ),
    );
    expect(response.action.notification?.text).toBe('Connected to Nimbus customers');
    expect(response.stateChanged).toBe(true);
    expect(JSON.parse(world.userProperties.values.get(SETTINGS_KEY) ?? '{}')).toMatchObject({
      spreadsheetId: sheet.id,
    });
  });

  it('explains a sheet that has been deleted since it was connected', () => {
    const { context, json, world, sheet } = setup();
    world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: sheet.id }));
    world.spreadsheets.delete(sheet.id);
    const card = json((callGlobal(context, 'onHomepage', gmailEvent()) as unknown[])[0]);
    expect(card.name).toBe('problem');
    expect(allText(card)).toContain('Customer sheet not found');
  });

  it('opens settings and help as universal actions: a UniversalActionResponse, never a bare array', () => {
    const { context, json } = setup();
    for (const [fn, name] of [
      ['onSettings', 'settings'],
      ['onHelp', 'help'],
    ] as const) {
      const built = callGlobal(context, fn, gmailEvent());
      expect(Array.isArray(built)).toBe(false);
      expect(responseTypeOfValue(built)).toBe('UniversalActionResponse');
      expect(json<{ action: { cards: CardJson[] } }>(built).action.cards[0]!.name).toBe(name);
    }
  });

  it('rejects an unknown action with a problem card', () => {
    const { context, json } = setup();
    const r = json<ActionResponseJson>(
      callGlobal(context, 'onCardAction', gmailEvent({ parameters: { action: 'nuke' } })),
    );
    expect(allText(r)).toContain('Unknown action');
  });
});

describe('clasp', () => {
  it('pushes exactly build/Code.js and build/appsscript.json', () => {
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/clasp'), ['status', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const status = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { filesToPush: string[] };
    expect([...status.filesToPush].sort()).toEqual(['build/Code.js', 'build/appsscript.json']);
  });
});
