/**
 * Settings → Sender: the card says which sender is active, a saved key is only ever shown masked
 * (also when the form comes back with an error), and saving switches the campaigns' mailer.
 */
import { loadSettings } from '../../src/app/settings-store';
import { SENDER_KEY_PROPERTY } from '../../src/app/sender-store';
import { act, standInContext } from '../helpers/stand-in-context';

const KEY = 'SG.abcdefghijklmnopqrstuv.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

function setup() {
  const w = standInContext([['Email'], ['a@x.example']]);
  const form = {
    spreadsheet: w.ss.id,
    customerSheet: 'Customers',
    senderKind: 'email-service',
    senderFrom: 'team@nimbus.example',
    senderDailyLimit: '40000',
  };
  return { w, form };
}

const shown = (value: unknown) => JSON.stringify(value);

describe('Settings → Sender', () => {
  it('shows MailApp as the active sender by default', () => {
    const { w } = setup();
    const card = act(w.ctx(), 'openSettings');
    expect(shown(card)).toContain('Active: MailApp, as you');
  });

  it('saves the email service with its key in its own property; the card shows only the mask', () => {
    const { w, form } = setup();
    act(w.ctx(), 'saveSettings', {}, { ...form, senderKey: KEY });
    expect(loadSettings(w.ctx().userStore).settings.sender).toEqual({
      kind: 'email-service',
      fromEmail: 'team@nimbus.example',
      dailyLimit: 40_000,
    });
    expect(w.ctx().userStore.get(SENDER_KEY_PROPERTY)).toBe(KEY);
    // The settings JSON never holds the key.
    expect(w.ctx().userStore.get('churnguard.settings')).not.toContain(KEY);
    const card = shown(act(w.ctx(), 'openSettings'));
    expect(card).toContain(
      'Active: the email service (SendGrid), from team@nimbus.example; 0 of 40,000 sent today.',
    );
    expect(card).toContain('Saved key ••••DEFG');
    expect(card).not.toContain(KEY);
    // Saving again without a key keeps the saved one.
    act(w.ctx(), 'saveSettings', {}, { ...form, senderKey: '' });
    expect(w.ctx().userStore.get(SENDER_KEY_PROPERTY)).toBe(KEY);
  });

  it('saves the emails per request, shows 50 until set, and refuses more than SendGrid takes', () => {
    const { w, form } = setup();
    expect(shown(act(w.ctx(), 'openSettings'))).toContain(
      '"name":"senderBatchSize","label":"Emails per request","value":"50"',
    );
    act(w.ctx(), 'saveSettings', {}, { ...form, senderKey: KEY, senderBatchSize: '200' });
    expect(loadSettings(w.ctx().userStore).settings.sender?.batchSize).toBe(200);
    expect(shown(act(w.ctx(), 'openSettings'))).toContain('"value":"200"');
    const refused = shown(act(w.ctx(), 'saveSettings', {}, { ...form, senderBatchSize: '5000' }));
    expect(refused).toContain('Emails per request');
    expect(loadSettings(w.ctx().userStore).settings.sender?.batchSize).toBe(200);
  });

  it('a bad form comes back with the reason and without the typed key', () => {
    const { w, form } = setup();
    const typed = 'SG.typedtypedtypedtyped.typedtypedtypedtypedtyped';
    const answer = shown(
      act(w.ctx(), 'saveSettings', {}, { ...form, senderFrom: 'nobody', senderKey: typed }),
    );
    expect(answer).toContain('the email service needs a From address');
    expect(answer).not.toContain(typed);
    expect(w.ctx().userStore.get(SENDER_KEY_PROPERTY)).toBeNull();
  });
});
