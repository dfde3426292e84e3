/**
 * After an action, the card shows the state the action produced (issue 17): Scan now and Learn from
 * history answer with Settings rebuilt, not a toast over a card that still says nothing happened.
 */
import { AddonHost, clickablesOf, formInputsOf } from '../../src/local/standins/addon-host';
import { readBundle } from '../helpers/bundle-vm';
import { sampleManifest, sampleWorld } from './crawl-world';

function settingsHost() {
  const w = sampleWorld();
  const host = new AddonHost(w.world, sampleManifest(), readBundle());
  return { host, settings: host.universal('Settings') };
}

const text = (cards: unknown) => JSON.stringify(cards);

describe('Settings after the work it started', () => {
  it('after Scan now, Settings shows the scan, not "No scan has run yet"', () => {
    const { host, settings } = settingsHost();
    // The scan button shows once the daily scan is on: turn it on first, as a user would.
    const save = settings.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'saveSettings')!;
    const saved = host.click(save, settings, { ...formInputsOf(settings.cards[0]!), watchEnabled: ['on'] });
    const reopened = host.universal('Settings');
    expect(text(reopened.cards)).toContain('No scan has run yet');
    const scan = reopened.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'scanNow');
    expect(scan).toBeDefined();
    const after = host.click(scan!, reopened);
    expect(after.notification).toMatch(/Scanned \d+ customers/);
    expect(text(after.cards)).not.toContain('No scan has run yet');
    expect(text(after.cards)).toContain('Last scan');
    expect(saved.type).toBe('ActionResponse');
  });

  it('after Learn from history, Settings shows the learned model, not "No model learned yet"', () => {
    const { host, settings } = settingsHost();
    expect(text(settings.cards)).toContain('No model learned yet');
    const learn = settings.cards
      .flatMap(clickablesOf)
      .find((c) => c.parameters.action === 'learnFromHistory')!;
    const after = host.click(learn, settings);
    expect(after.notification).toMatch(/Learned from \d+ customers/);
    expect(text(after.cards)).not.toContain('No model learned yet');
  });
});
