import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld } from './helpers';

describe('PropertiesService stand-in', () => {
  it("enforces 9 KB a value and 500 KB a store, with Apps Script's message", () => {
    const { world } = makeWorld();
    const props = world.startExecution().globals.PropertiesService.getUserProperties();
    props.setProperty('fits', 'x'.repeat(9 * 1024 - 0));
    expect(() => props.setProperty('k', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(() => props.setProperty('k', 'é'.repeat(5000))).toThrow(GAS_ERRORS.propertyTooLarge); // 10,000 bytes
    for (let i = 0; i < 55; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow(GAS_ERRORS.propertyStoreFull);
    expect(props.getProperty('one-more')).toBeNull();
    props.setProperty('k0', 'small'); // replacing a value frees its room
    props.setProperty('one-more', 'x'.repeat(8000));
  });

  it('stores strings, coercing other values, and supports the bulk methods', () => {
    const { world } = makeWorld();
    const props = world.startExecution().globals.PropertiesService.getScriptProperties();
    props.setProperty('n', 42 as unknown as string);
    expect(props.getProperty('n')).toBe('42');
    props.setProperties({ a: '1', b: '2' });
    expect(props.getProperties()).toEqual({ n: '42', a: '1', b: '2' });
    props.setProperties({ c: '3' }, true);
    expect(props.getKeys()).toEqual(['c']);
    props.deleteProperty('c');
    expect(props.getProperties()).toEqual({});
    // A rejected bulk write stores nothing.
    expect(() => props.setProperties({ ok: 'x', big: 'x'.repeat(10_000) })).toThrow(
      GAS_ERRORS.propertyTooLarge,
    );
    expect(props.getProperty('ok')).toBeNull();
  });

  it('keeps user properties per user, and has no document properties outside a document', () => {
    const { world } = makeWorld();
    world
      .startExecution({ user: 'a@x.io' })
      .globals.PropertiesService.getUserProperties()
      .setProperty('k', 'A');
    const b = world.startExecution({ user: 'b@x.io' }).globals.PropertiesService;
    expect(b.getUserProperties().getProperty('k')).toBeNull();
    expect(b.getDocumentProperties()).toBeNull();
    const bound = world.startExecution({ kind: 'editor', document: 'doc-1' }).globals.PropertiesService;
    bound.getDocumentProperties()!.setProperty('d', '1');
    expect(world.documentProperties('doc-1').get('d')).toBe('1');
  });

  it('stops at the daily read/write quota of a consumer account', () => {
    const { world } = makeWorld({ accountKind: 'consumer' });
    const props = world.startExecution({ kind: 'trigger' }).globals.PropertiesService.getUserProperties();
    world.account(world.user).propertiesQuota.spend(50_000 - 1);
    props.getProperty('a');
    expect(() => props.getProperty('a')).toThrow(GAS_ERRORS.propertiesQuota);
  });
});

describe('CacheService stand-in', () => {
  it('expires entries on the fake clock: 10 min by default, clamped to 6 h', () => {
    const { world, clock } = makeWorld();
    // Each step is a new execution, as each sidebar open is.
    const cache = () => world.startExecution().globals.CacheService.getUserCache();
    cache().put('default', '1');
    cache().put('minute', '2', 60);
    cache().put('forever', '3', 999_999);
    clock.advance(60_000);
    expect(cache().get('minute')).toBeNull();
    expect(cache().get('default')).toBe('1');
    clock.advance(540_000);
    expect(cache().get('default')).toBeNull();
    clock.advance(6 * 3600_000 - 600_000 - 1);
    expect(cache().get('forever')).toBe('3');
    clock.advance(1);
    expect(cache().get('forever')).toBeNull();
  });

  it('refuses keys over 250 characters and values over 100 KB', () => {
    const { world } = makeWorld();
    const cache = world.startExecution().globals.CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'ok');
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow('Argument too large: key');
    expect(() => cache.get('k'.repeat(251))).toThrow(GAS_ERRORS.cacheKeyTooLong);
    cache.put('big', 'x'.repeat(100 * 1024));
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ fine: 'y', huge: 'x'.repeat(200_000) })).toThrow(
      GAS_ERRORS.cacheValueTooLarge,
    );
    expect(cache.get('fine')).toBeNull();
  });

  it('supports getAll/putAll/removeAll, leaving out missing and expired keys', () => {
    const { world, clock } = makeWorld();
    const cache = world.startExecution().globals.CacheService.getUserCache();
    cache.putAll({ a: '1', b: '2' }, 5);
    cache.put('c', 3 as unknown as string, 100);
    expect(cache.getAll(['a', 'b', 'c', 'nope'])).toEqual({ a: '1', b: '2', c: '3' });
    clock.advance(5000);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    cache.removeAll(['c']);
    expect(cache.get('c')).toBeNull();
  });

  it('holds at most 1,000 entries, evicting the oldest hundred', () => {
    const { world } = makeWorld();
    const cache = world.startExecution().globals.CacheService.getScriptCache();
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v');
    cache.put('new', 'v');
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k99')).toBeNull();
    expect(cache.get('k100')).toBe('v');
    expect(cache.get('new')).toBe('v');
  });

  it('keeps user caches apart and has no document cache in a Gmail add-on', () => {
    const { world } = makeWorld();
    world.startExecution({ user: 'a@x.io' }).globals.CacheService.getUserCache().put('k', 'A');
    const b = world.startExecution({ user: 'b@x.io' }).globals.CacheService;
    expect(b.getUserCache().get('k')).toBeNull();
    expect(b.getDocumentCache()).toBeNull();
  });
});
