import { dispatchAction, UnknownActionError } from '../../src/app/dispatcher';
import { parseAddonEvent } from '../../src/app/events';
import { loadSettings, SETTINGS_KEY } from '../../src/app/settings-store';
import { buildHomepage } from '../../src/app/handlers/home';
import { buildMessageCards } from '../../src/app/handlers/message';
import { cardsOrProblem } from '../../src/app/guard';
import { UserFacingError } from '../../src/app/errors';
import type { ActionResponse, Card, Widget } from '../../src/ui/card/types';
import { fakeContext } from '../helpers/fake-context';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ab';
const sheet = {
  id: ID,
  name: 'Nimbus customers',
  url: `https://docs.google.com/spreadsheets/d/${ID}/edit`,
  sheetNames: ['Customers', 'Notes'],
};

function actionEvent(action: string, form: Record<string, string> = {}, params: Record<string, string> = {}) {
  return parseAddonEvent({
    commonEventObject: {
      hostApp: 'GMAIL',
      parameters: { action, ...params },
      formInputs: Object.fromEntries(
        Object.entries(form).map(([k, v]) => [k, { stringInputs: { value: [v] } }]),
      ),
    },
  });
}

function texts(card: Card): string[] {
  const out: string[] = [];
  const text = (t: unknown) =>
    typeof t === 'string' ? t : (t as { text: string }[]).map((s) => s.text).join('');
  for (const s of card.sections) {
    for (const w of s.widgets as Widget[]) {
      if (w.kind === 'textParagraph' || w.kind === 'decoratedText') out.push(text(w.text));
    }
  }
  return out;
}

function updatedCard(r: ActionResponse): Card {
  if (r.kind !== 'navigate') throw new Error(`expected navigation, got ${r.kind}`);
  const step = r.steps.find((s) => s.kind === 'update' || s.kind === 'push');
  if (!step || !('card' in step)) throw new Error('no card in navigation');
  return step.card;
}

describe('action dispatcher', () => {
  it('rejects unknown actions with a specific message', () => {
    const ctx = fakeContext();
    expect(() => dispatchAction(ctx, actionEvent('launchMissiles'))).toThrow(UnknownActionError);
    expect(() => dispatchAction(ctx, actionEvent('launchMissiles'))).toThrow(
      /Unknown action "launchMissiles"/,
    );
  });

  it('opens settings as a pushed card', () => {
    const r = dispatchAction(fakeContext(), actionEvent('openSettings'));
    expect(r.kind === 'navigate' && r.steps[0]?.kind).toBe('push');
    expect(updatedCard(r).name).toBe('settings');
  });

  it('saves a valid sheet and returns to an updated homepage', () => {
    const ctx = fakeContext({ spreadsheets: [sheet] });
    const r = dispatchAction(
      ctx,
      actionEvent('saveSettings', { spreadsheet: sheet.url + '#gid=0', customerSheet: 'Customers' }),
    );
    expect(r).toMatchObject({
      kind: 'navigate',
      notification: 'Connected to Nimbus customers',
      stateChanged: true,
    });
    expect(loadSettings(ctx.userStore).settings).toMatchObject({
      spreadsheetId: ID,
      customerSheet: 'Customers',
    });
    expect(texts(updatedCard(r))).toContain('Nimbus customers');
  });

  it.each([
    ['garbage', 'Customers', /neither a spreadsheet URL nor a spreadsheet ID/],
    ['1ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', 'Customers', /No spreadsheet has the ID/],
    [ID, 'Clients', /has no tab named "Clients". Its tabs: Customers, Notes/],
  ])('keeps what the user typed and says why %s/%s is refused', (input, tab, why) => {
    const ctx = fakeContext({ spreadsheets: [sheet] });
    const r = dispatchAction(ctx, actionEvent('saveSettings', { spreadsheet: input, customerSheet: tab }));
    const card = updatedCard(r);
    expect(texts(card).join('\n')).toMatch(why);
    const inputs = card.sections
      .flatMap((s) => s.widgets)
      .filter((w) => w.kind === 'textInput' && (w.name === 'spreadsheet' || w.name === 'customerSheet'));
    expect(inputs.map((w) => w.kind === 'textInput' && w.value)).toEqual([input, tab]);
    expect(ctx.store.has(SETTINGS_KEY)).toBe(false);
  });
});

describe('homepage and message handlers', () => {
  it('turns a deleted sheet into a card that says how to fix it', () => {
    const ctx = fakeContext({ spreadsheets: [] });
    ctx.userStore.set(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ID }));
    expect(() => buildHomepage(ctx)).toThrow(UserFacingError);
    const logged: unknown[] = [];
    const [card] = cardsOrProblem(
      () => buildHomepage(ctx),
      (e) => logged.push(e),
    );
    expect(card?.name).toBe('problem');
    expect(texts(card as Card).join('\n')).toMatch(/deleted or moved to the trash/);
    expect(logged).toEqual([]); // user-caused errors are not logged as failures
  });

  it('shows the sender of the open message', () => {
    const ctx = fakeContext({
      messages: [
        {
          id: 'm1',
          threadId: 't1',
          from: '"Öztürk, Elif" <Elif@Anatolia-Travel.example>',
          to: ['am@nimbus.example'],
          cc: [],
          subject: 'İptal talebi',
          date: new Date('2026-11-19T09:00:00Z'),
          plainBody: 'Merhaba',
        },
      ],
    });
    const event = parseAddonEvent({
      commonEventObject: { hostApp: 'GMAIL' },
      gmail: { messageId: 'm1', accessToken: 'tok' },
    });
    const [card] = buildMessageCards(ctx, event);
    expect(card?.header).toEqual({ title: 'Öztürk, Elif', subtitle: 'elif@anatolia-travel.example' });
    expect(texts(card as Card)).toContain('İptal talebi');
  });

  it('refuses an event without a message', () => {
    const ctx = fakeContext();
    expect(() => buildMessageCards(ctx, parseAddonEvent({ gmail: {} }))).toThrow(/No message to read/);
  });

  it('logs unexpected errors but still returns a card', () => {
    const logged: unknown[] = [];
    const [card] = cardsOrProblem(
      () => {
        throw new TypeError('x is undefined');
      },
      (e) => logged.push(e),
    );
    expect(logged).toHaveLength(1);
    expect(texts(card as Card).join('\n')).toContain('x is undefined');
  });
});
