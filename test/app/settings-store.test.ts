import { loadSettings, saveSettings, SETTINGS_KEY } from '../../src/app/settings-store';
import { fakeContext } from '../helpers/fake-context';

describe('settings store', () => {
  it('defaults when nothing is saved, round-trips, and keeps unknown keys', () => {
    const ctx = fakeContext();
    expect(loadSettings(ctx.userStore).settings).toEqual({ customerSheet: 'Customers' });
    ctx.userStore.set(
      SETTINGS_KEY,
      JSON.stringify({ customerSheet: 'Clients', futureFeature: { on: true } }),
    );
    const { settings } = loadSettings(ctx.userStore);
    saveSettings(ctx.userStore, settings);
    expect(JSON.parse(ctx.store.get(SETTINGS_KEY) ?? '')).toEqual({
      customerSheet: 'Clients',
      futureFeature: { on: true },
    });
  });

  it('reports a corrupt stored value instead of crashing, and leaves it in place', () => {
    const ctx = fakeContext();
    ctx.userStore.set(SETTINGS_KEY, '{oops');
    expect(loadSettings(ctx.userStore).problem).toMatch(/not valid JSON/);
    ctx.userStore.set(SETTINGS_KEY, JSON.stringify({ customerSheet: '' }));
    expect(loadSettings(ctx.userStore).problem).toMatch(/customerSheet is invalid/);
    expect(ctx.store.get(SETTINGS_KEY)).toBe(JSON.stringify({ customerSheet: '' }));
  });

  it('refuses settings larger than a property value may be', () => {
    const ctx = fakeContext();
    expect(() => saveSettings(ctx.userStore, { customerSheet: 'Customers', big: 'é'.repeat(5000) })).toThrow(
      /10\d{3} bytes; Apps Script properties hold at most 9216/,
    );
  });
});
