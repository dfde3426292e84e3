import { AppsScriptWorld, FakeClock, GAS_ERRORS } from '../../src/local/standins';
import { formatDate } from '../../src/local/standins/session';

const world = (opts: ConstructorParameters<typeof AppsScriptWorld>[0] = {}) =>
  new AppsScriptWorld({ latency: 'none', ...opts });

describe('SpreadsheetApp stand-in', () => {
  function sheetOf(values: unknown[][]) {
    const w = world();
    const ss = w.spreadsheets.create({ name: 'S', sheets: [{ name: 'Customers', values }] });
    const g = w.startExecution().globals;
    return { w, ss, sheet: g.SpreadsheetApp.openById(ss.id).getSheetByName('Customers')! };
  }

  it('returns numbers, Dates, booleans and empty strings in a rectangle, copied', () => {
    const d = new Date('2024-03-05T00:00:00Z');
    const { sheet } = sheetOf([['Email', 'MRR', 'Since', 'Active'], ['a@x.io', 1200.5, d, true], ['b@x.io']]);
    const values = sheet.getRange(1, 1, 3, 4).getValues();
    expect(values).toEqual([
      ['Email', 'MRR', 'Since', 'Active'],
      ['a@x.io', 1200.5, d, true],
      ['b@x.io', '', '', ''],
    ]);
    (values[1]![2] as Date).setUTCFullYear(1999);
    expect((sheet.getRange(2, 3).getValue() as Date).getUTCFullYear()).toBe(2024);
  });

  it('refuses writes whose size differs from the range, with Apps Script wording', () => {
    const { sheet } = sheetOf([['a']]);
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([['x']])).toThrow(GAS_ERRORS.rowsMismatch(1, 2));
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['x']])).toThrow(GAS_ERRORS.columnsMismatch(1, 2));
    expect(() => sheet.getRange(0, 1)).toThrow(GAS_ERRORS.rowStart);
  });

  it('finds cells with TextFinder options', () => {
    const { sheet } = sheetOf([['Email'], ['Ann@X.io'], ['bob@x.io'], ['ann@x.io.evil']]);
    const col = sheet.getRange(2, 1, 3, 1);
    expect(
      col
        .createTextFinder('ann@x.io')
        .matchEntireCell(true)
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([2]);
    expect(col.createTextFinder('ann@x.io').matchEntireCell(true).matchCase(true).findAll()).toHaveLength(0);
    expect(
      col
        .createTextFinder('ann')
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([2, 4]);
    expect(
      col
        .createTextFinder('^b.*io$')
        .useRegularExpression(true)
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([3]);
  });

  it('counts calls and cells, and knows the last row', () => {
    const { w, sheet } = sheetOf([
      ['a', 'b'],
      [1, 2],
      ['', ''],
      [3, ''],
    ]);
    w.calls.reset();
    expect(sheet.getLastRow()).toBe(4);
    sheet.getRange(1, 1, 4, 2).getValues();
    sheet.getRange(5, 1, 1, 2).setValues([[9, 9]]);
    expect(w.calls.snapshot()).toMatchObject({ cellsRead: 8, cellsWritten: 2 });
    expect(w.calls.get('Range.getValues')).toBe(1);
    expect(w.calls.get('Sheet.getRange')).toBe(2);
  });

  it('fails to open deleted or unshared spreadsheets', () => {
    const w = world();
    const a = w.spreadsheets.create({ name: 'A' });
    const b = w.spreadsheets.create({ name: 'B' });
    w.spreadsheets.delete(a.id);
    w.spreadsheets.revokeAccess(b.id);
    const g = w.startExecution().globals;
    expect(() => g.SpreadsheetApp.openById(a.id)).toThrow(GAS_ERRORS.noSpreadsheet);
    expect(() => g.SpreadsheetApp.openById(b.id)).toThrow(GAS_ERRORS.noAccess);
  });
});

describe('PropertiesService and CacheService stand-ins', () => {
  it('enforce 9 KB a value and 500 KB a store', () => {
    const props = world().startExecution().globals.PropertiesService.getUserProperties();
    expect(() => props.setProperty('k', 'x'.repeat(9 * 1024 + 1))).toThrow(GAS_ERRORS.propertyTooLarge);
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow(GAS_ERRORS.propertyStoreFull);
    props.setProperty('n', 42 as unknown as string);
    expect(props.getProperty('n')).toBe('42');
  });

  it('expire cache entries on the clock, clamp to 6 h and refuse 100 KB values', () => {
    const clock = new FakeClock();
    const w = world({ clock });
    // Each step is a new execution, as each sidebar open is.
    const cache = () => w.startExecution().globals.CacheService.getUserCache();
    cache().put('a', '1', 60);
    cache().put('b', '2', 999_999);
    clock.advance(61_000);
    expect(cache().get('a')).toBeNull();
    clock.advance(6 * 3600_000 - 62_000);
    expect(cache().get('b')).toBe('2');
    clock.advance(2000);
    expect(cache().get('b')).toBeNull();
    expect(() => cache().put('big', 'x'.repeat(100 * 1024 + 1))).toThrow(GAS_ERRORS.cacheValueTooLarge);
  });
});

describe('LockService stand-in', () => {
  it('excludes a second execution until the first ends, spending the timeout', () => {
    const clock = new FakeClock();
    const w = world({ clock });
    const first = w.startExecution({ kind: 'trigger' });
    const second = w.startExecution({ kind: 'trigger' });
    expect(first.globals.LockService.getScriptLock().tryLock(1000)).toBe(true);
    const before = clock.nowMs();
    expect(second.globals.LockService.getScriptLock().tryLock(5000)).toBe(false);
    expect(clock.nowMs() - before).toBe(5000);
    expect(() => second.globals.LockService.getScriptLock().waitLock(100)).toThrow(GAS_ERRORS.lockTimeout);
    first.end();
    expect(second.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  });
});

describe('MailApp stand-in', () => {
  it('counts recipients against the daily quota and resets the next day', () => {
    const clock = new FakeClock('2026-11-20T22:00:00Z');
    const w = world({ clock, accountKind: 'consumer' });
    const mail = w.startExecution({ kind: 'trigger' }).globals.MailApp;
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail({ to: 'a@x.io, b@x.io', cc: 'c@x.io', subject: 'Hi 👋', body: 'x' });
    expect(mail.getRemainingDailyQuota()).toBe(97);
    for (let i = 0; i < 97; i++) mail.sendEmail(`r${i}@x.io`, 's', 'b');
    expect(() => mail.sendEmail('late@x.io', 's', 'b')).toThrow(GAS_ERRORS.mailQuota);
    expect(w.mail.outbox).toHaveLength(98);
    clock.advance(3 * 3600_000);
    expect(w.startExecution().globals.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  it('rejects invalid addresses and line breaks in subjects', () => {
    const mail = world().startExecution().globals.MailApp;
    expect(() => mail.sendEmail('not-an-address', 's', 'b')).toThrow(
      GAS_ERRORS.invalidEmail('not-an-address'),
    );
    expect(() => mail.sendEmail('a@x.io', 'x\r\nBcc: evil@x.io', 'b')).toThrow(/subject/);
  });
});

describe('execution budget and triggers', () => {
  it('stops a card action that runs past 30 s at its next service call', () => {
    const clock = new FakeClock();
    const w = world({ clock });
    const props = w.startExecution({ kind: 'card' }).globals.PropertiesService.getUserProperties();
    props.getProperty('a');
    clock.advance(30_001);
    expect(() => props.getProperty('a')).toThrow(GAS_ERRORS.timeout);
  });

  it('spends modelled latency on the clock', () => {
    const clock = new FakeClock();
    const w = new AppsScriptWorld({ clock });
    const t0 = clock.nowMs();
    w.startExecution().globals.MailApp.sendEmail('a@x.io', 's', 'b');
    expect(clock.nowMs() - t0).toBeGreaterThanOrEqual(200);
  });

  it('refuses recurring triggers more often than hourly and fires due ones', () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const w = world({ clock });
    const app = w.startExecution().globals.ScriptApp;
    expect(() => app.newTrigger('scan').timeBased().everyMinutes(30).create()).toThrow(
      GAS_ERRORS.triggerTooOften,
    );
    app.newTrigger('continueCampaign').timeBased().after(60_000).create();
    app.newTrigger('scan').timeBased().everyHours(1).create();
    const fired: string[] = [];
    clock.advance(61_000);
    w.runDueTriggers((fn) => fired.push(fn));
    clock.advance(3600_000);
    w.runDueTriggers((fn) => fired.push(fn));
    expect(fired).toEqual(['continueCampaign', 'scan']);
    expect(
      w
        .startExecution()
        .globals.ScriptApp.getProjectTriggers()
        .map((t) => t.getHandlerFunction()),
    ).toEqual(['scan']);
  });
});

describe('GmailApp, Utilities', () => {
  it('needs the access token before reading the open message', () => {
    const w = world();
    w.gmail.seed([
      { id: 'm', from: 'a@x.io', to: 'b@x.io', subject: 'Hi', date: '2026-01-01', plainBody: 'x' },
    ]);
    const gmail = w.startExecution().globals.GmailApp;
    expect(() => gmail.getMessageById('m')).toThrow(GAS_ERRORS.gmailNoToken);
    gmail.setCurrentMessageAccessToken('tok');
    const draft = gmail.getMessageById('m').createDraftReply('Thanks');
    expect(draft.getId()).toBe('draft-1');
    expect(w.gmail.drafts[0]).toMatchObject({ to: 'a@x.io', subject: 'Re: Hi', body: 'Thanks' });
  });

  it('formats dates like SimpleDateFormat in real time zones', () => {
    const d = new Date('2026-03-29T00:30:00Z'); // Oslo switches to summer time at 01:00 UTC
    expect(formatDate(d, 'Europe/Oslo', "yyyy-MM-dd'T'HH:mm XXX")).toBe('2026-03-29T01:30 +01:00');
    expect(formatDate(new Date('2026-03-29T02:00:00Z'), 'Europe/Oslo', 'HH:mm Z')).toBe('04:00 +0200');
    expect(formatDate(d, 'America/New_York', 'EEE d MMM yy')).toBe('Sat 28 Mar 26');
    expect(formatDate(d, 'Etc/UTC', 'yyyy-MM-dd')).toBe('2026-03-29');
  });
});
