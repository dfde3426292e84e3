import { GAS_ERRORS, formatDate } from '../../src/local/standins';
import { makeWorld } from './helpers';

describe('Utilities.formatDate', () => {
  const d = new Date('2026-03-29T00:30:05.042Z'); // Oslo moves to summer time at 01:00 UTC that day

  it('formats SimpleDateFormat patterns in real time zones, across DST', () => {
    expect(formatDate(d, 'Europe/Oslo', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-03-29T01:30:05+01:00');
    expect(formatDate(new Date('2026-03-29T02:00:00Z'), 'Europe/Oslo', 'HH:mm Z')).toBe('04:00 +0200');
    expect(formatDate(d, 'America/New_York', 'EEE d MMM yy, H:mm')).toBe('Sat 28 Mar 26, 20:30');
    expect(formatDate(d, 'Asia/Kolkata', 'dd/MM/yyyy HH:mm XXX')).toBe('29/03/2026 06:00 +05:30');
    expect(formatDate(d, 'Asia/Almaty', 'M/d/yyyy')).toBe('3/29/2026');
    expect(formatDate(d, 'Etc/UTC', 'yyyy-MM-dd HH:mm:ss.SSS X')).toBe('2026-03-29 00:30:05.042 Z');
    expect(formatDate(d, 'America/Los_Angeles', 'EEEE, MMMM d, yyyy h:mm a')).toBe(
      'Saturday, March 28, 2026 5:30 PM',
    );
    expect(formatDate(d, 'GMT+3', 'HH:mm Z')).toBe('03:30 +0300');
  });

  it("quotes text with '...' and '' and rejects letters Java does not know", () => {
    expect(formatDate(d, 'Etc/UTC', "'Week of' d MMM, 'o''clock' H")).toBe("Week of 29 Mar, o'clock 0");
    expect(() => formatDate(d, 'Etc/UTC', 'yyyy-MM-ddTHH')).toThrow("Illegal pattern character 'T'");
  });

  it('formats an unknown time zone as GMT, as Java does', () => {
    expect(formatDate(d, 'Mars/Olympus', 'HH:mm Z')).toBe('00:30 +0000');
  });
});

describe('Utilities, Session and Logger', () => {
  it('computes digests and base64 as signed Java bytes', () => {
    const { world } = makeWorld();
    const u = world.startExecution().globals.Utilities;
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, 'abc');
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]); // 90 01 50 98
    expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
    const sha = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc', u.Charset.UTF_8);
    expect(sha).toHaveLength(32);
    expect(sha[0]).toBe(-70); // 0xba
    expect(() => u.computeDigest('MD5' as any, 'abc')).toThrow(/don't match the method signature/);
    expect(u.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(u.base64Encode('héllo', u.Charset.US_ASCII)).toBe('aD9sbG8=');
    expect(u.base64Decode('aMOp')).toEqual([104, -61, -87]);
    expect(u.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reports the execution user, script time zone and user locale', () => {
    const { world } = makeWorld({ scriptTimeZone: 'Europe/Oslo' });
    world.addUser('kari@x.no', { locale: 'nb' });
    const s = world.startExecution({ user: 'kari@x.no' }).globals.Session;
    expect(s.getActiveUser().getEmail()).toBe('kari@x.no');
    expect(s.getEffectiveUser().getEmail()).toBe('kari@x.no');
    expect(s.getScriptTimeZone()).toBe('Europe/Oslo');
    expect(s.getActiveUserLocale()).toBe('nb');
    expect(world.startExecution().globals.Session.getActiveUserLocale()).toBe('en');
  });

  it('records Logger lines (with %s formatting) and console lines in the world log', () => {
    const { world } = makeWorld();
    const g = world.startExecution().globals;
    g.Logger.log('scored %s customers in %d ms', 12, 340);
    g.Logger.log({ a: 1 });
    g.console.warn('slow', 2);
    g.console.error(new Error('boom'));
    expect(g.Logger.getLog()).toBe('scored 12 customers in 340 ms\n{"a":1}\n');
    expect(world.log.slice(0, 3)).toEqual([
      '[Logger] scored 12 customers in 340 ms',
      '[Logger] {"a":1}',
      '[warn] slow 2',
    ]);
    expect(world.log[3]).toMatch(/^\[error\] Error: boom/);
    expect(world.calls.get('Logger.log')).toBe(2);
    expect(Object.keys(world.calls.snapshot().calls).some((k) => k.startsWith('console'))).toBe(false);
    expect(() => g.Utilities.sleep(-1)).toThrow(GAS_ERRORS.invalidArgument('milliseconds'));
  });
});
