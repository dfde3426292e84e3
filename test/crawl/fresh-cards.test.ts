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

describe('a customer card rebuilt after an action keeps the email it was opened on', () => {
  function openLiam() {
    const w = sampleWorld();
    const host = new AddonHost(w.world, sampleManifest(), readBundle());
    const card = host.openMessage('msg-003', 'thread-003');
    return { host, card };
  }
  const button = (r: { cards: Parameters<typeof clickablesOf>[0][] }, action: string) =>
    r.cards.flatMap(clickablesOf).find((c) => c.parameters.action === action)!;
  // The score as the card prints it: "<b>44</b></font> / 100".
  const scoreOf = (r: { cards: unknown[] }) =>
    /(\d+)(?:<\/?[a-z]+[^>]*>)* \/ 100/.exec(JSON.stringify(r.cards).replace(/\\"/g, '"'))?.[1];

  it('after Save tags: the email’s intent, the same score and Draft reply are still there', () => {
    const { host, card } = openLiam();
    expect(text(card.cards)).toContain('What this email says');
    const tags = host.click(button(card, 'openTags'), card);
    const saved = host.click(button(tags, 'saveTags'), tags, {
      ...formInputsOf(tags.cards[0]!),
      newTag: 'vip',
    });
    expect(saved.notification).toMatch(/Tags saved/);
    expect(text(saved.cards)).toContain('What this email says');
    expect(button(saved, 'draftReply')).toBeDefined();
    expect(scoreOf(card)).toMatch(/^\d+$/);
    expect(scoreOf(saved)).toBe(scoreOf(card));
  });

  it('after Mark churned and after a note: the card keeps the email, and shows the note with its author', () => {
    const { host, card } = openLiam();
    const noteCard = host.click(button(card, 'openNote'), card);
    const saved = host.click(button(noteCard, 'saveNote'), noteCard, {
      note: 'Called Liam: wants a cheaper plan.',
    });
    expect(text(saved.cards)).toContain('Latest notes');
    expect(text(saved.cards)).toContain('Called Liam: wants a cheaper plan.');
    expect(text(saved.cards)).toContain('am@nimbus.example');
    expect(text(saved.cards)).toContain('What this email says');
    const churned = host.click(button(saved, 'markStatus'), saved);
    expect(churned.notification).toMatch(/Marked as/);
    expect(text(churned.cards)).toContain('What this email says');
  });
});

describe('bad input is a toast that names the field', () => {
  it('an empty bulk tag: a toast naming Tag, over the segment card, not a problem card', () => {
    const w = sampleWorld();
    const host = new AddonHost(w.world, sampleManifest(), readBundle());
    const home = host.homepage();
    const segments = host.click(
      home.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'openSegments')!,
      home,
    );
    const open = segments.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'openSegment')!;
    const segment = host.click(open, segments);
    const preview = segment.cards
      .flatMap(clickablesOf)
      .find((c) => c.parameters.action === 'previewBulkTag')!;
    const result = host.click(preview, segment, { ...formInputsOf(preview.card), bulkTag: '' });
    expect(result.notification).toMatch(/^Tag: /);
    expect(result.cards).toEqual([]);
  });
});
