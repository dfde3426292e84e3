/**
 * Values ChurnGuard keeps in user properties are capped by bytes, not entries: a property holds 9 KB
 * (the stand-in enforces it, as Apps Script does), and a week of long Cyrillic churn emails must not
 * push the sidebar's queue past it.
 */
import { readEmailSignals, recordEmailSignal } from '../../src/app/watch/email-signals';
import { withinBudget } from '../../src/app/watch/replies';
import { PROPERTY_LIST_BUDGET_BYTES } from '../../src/core/text/byte-budget';
import { propertiesStore } from '../../src/gas/properties-store';
import { AppsScriptWorld } from '../../src/local/standins';
import { AddonHost, clickablesOf } from '../../src/local/standins/addon-host';
import { readBundle } from '../helpers/bundle-vm';
import { sampleManifest, sampleWorld } from '../crawl/crawl-world';

function userStore() {
  const world = new AppsScriptWorld({ latency: 'none' });
  const execution = world.startExecution();
  return propertiesStore(execution.globals.PropertiesService.getUserProperties());
}

describe('the email-signal queue', () => {
  it('takes 500 long multi-byte signals without a failed write, keeping the newest within 8 KB', () => {
    const store = userStore();
    for (let i = 0; i < 500; i++)
      recordEmailSignal(store, {
        email: `клиент${i}@компания-пример.example`,
        messageId: `message-${i}-${'x'.repeat(30)}`,
        day: '2026-12-02',
        label: 'Отмена подписки',
        phrase: 'мы решили отказаться от подписки и перейти к другому поставщику '.repeat(3),
      });
    const kept = readEmailSignals(store);
    expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(PROPERTY_LIST_BUDGET_BYTES);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept[kept.length - 1]!.messageId).toMatch(/^message-499-/);
  });
});

describe('campaign replies', () => {
  it('drop unlisted campaigns, then the oldest addresses of the longest list, until they fit', () => {
    const many = Array.from({ length: 400 }, (_, i) => `reader${i}@customer-company.example`);
    const kept = withinBudget({ 'cmp-old': ['a@x.example'], 'cmp-a': many, 'cmp-b': ['b@x.example'] }, [
      'cmp-a',
      'cmp-b',
    ]);
    expect(kept['cmp-old']).toBeUndefined();
    expect(kept['cmp-b']).toEqual(['b@x.example']);
    expect(kept['cmp-a']!.at(-1)).toBe('reader399@customer-company.example');
    expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(PROPERTY_LIST_BUDGET_BYTES);
  });
});

describe('a property write the store refuses', () => {
  it('becomes a card that says which value and why, not "Something went wrong"', () => {
    const w = sampleWorld();
    // Fill the user store to just under its 500 KB: the next settings write cannot fit.
    for (let i = 0; i < 62; i++) w.world.userProperties.put(`other.add-on.${i}`, 'x'.repeat(8 * 1024));
    const used = [...w.world.userProperties.values].reduce((n, [k, v]) => n + k.length + v.length, 0);
    w.world.userProperties.put('other.add-on.last', 'x'.repeat(500 * 1024 - used - 100));
    const host = new AddonHost(w.world, sampleManifest(), readBundle());
    const settings = host.universal('Settings');
    const save = settings.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'saveSettings')!;
    const result = host.click(save, settings);
    const text = JSON.stringify(result.cards);
    expect(text).toContain('ChurnGuard could not save');
    expect(text).toContain('churnguard.settings');
    expect(text).not.toContain('Something went wrong');
  });
});
