import {
  FORMULA_ERRORS,
  formulaError,
  isBlank,
  localeFormat,
  parseBoolean,
  parseCount,
  parseCsat,
  parseDate,
  parseEmail,
  parseImpact,
  parseNps,
  parseNumber,
  parseStatus,
  parseTags,
  parseTenureMonths,
  parseText,
  wallClockDate,
} from '../../../src/core/sheet/values';

const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('locales', () => {
  it.each([
    ['en_US', '.', 'MDY'],
    ['en_GB', '.', 'DMY'],
    ['de_DE', ',', 'DMY'],
    ['fr_FR', ',', 'DMY'],
    ['ru_RU', ',', 'DMY'],
    ['nb_NO', ',', 'DMY'],
    ['tr_TR', ',', 'DMY'],
    ['kk_KZ', ',', 'DMY'],
    ['de_CH', '.', 'DMY'],
    ['es_MX', '.', 'DMY'],
    ['es_ES', ',', 'DMY'],
    ['ja_JP', '.', 'YMD'],
    ['de-DE', ',', 'DMY'],
    ['fr', ',', 'DMY'],
    ['', '.', 'MDY'],
  ])('%s writes %s decimals and %s dates', (locale, decimal, dateOrder) => {
    expect(localeFormat(locale)).toEqual({ decimal, dateOrder });
  });
});

describe('parseNumber', () => {
  it.each([
    [1200.5, 'en_US', 1200.5],
    [0, 'en_US', 0],
    ['$1,200.50', 'en_US', 1200.5],
    ['1,200.50 USD', 'en_US', 1200.5],
    ['-$45', 'en_US', -45],
    ['£1,200', 'en_GB', 1200],
    ['1.200,50 €', 'de_DE', 1200.5],
    ['1.200,50 €', 'en_US', 1200.5], // both marks present: unambiguous in any locale
    ['€ 1.200,50', 'fr_FR', 1200.5],
    ['1 200,50', 'fr_FR', 1200.5],
    [`1${NNBSP}200,50`, 'fr_FR', 1200.5],
    ['1 200,50 ₽', 'ru_RU', 1200.5],
    [`1${NNBSP}200,50${NBSP}₽`, 'ru_RU', 1200.5],
    ['1 200 руб.', 'ru_RU', 1200],
    ['1.200,50 ₺', 'tr_TR', 1200.5],
    ['1 200,50 ₸', 'kk_KZ', 1200.5],
    ['kr 499', 'nb_NO', 499],
    ['499,90 kr', 'nb_NO', 499.9],
    ['kr 1 499,-', 'nb_NO', 1499],
    ["1'200.50", 'de_CH', 1200.5],
    ['(1,200)', 'en_US', -1200],
    ['($1,200.00)', 'en_US', -1200],
    ['-45', 'en_US', -45],
    ['−45', 'nb_NO', -45], // U+2212 minus sign
    ['+7', 'en_US', 7],
    ['12%', 'en_US', 0.12],
    ['12,5 %', 'de_DE', 0.125],
    ['0.12', 'en_US', 0.12],
    ['0,12', 'de_DE', 0.12],
    ['1.2k', 'en_US', 1200],
    ['1,2k', 'de_DE', 1200],
    ['3M', 'en_US', 3_000_000],
    ['1,200', 'en_US', 1200],
    ['1,200', 'de_DE', 1.2],
    ['1.200', 'de_DE', 1200],
    ['1.200', 'en_US', 1.2],
    ['12,5', 'en_US', 12.5], // a comma before two digits can only be a decimal mark
    ['1,200,000', 'de_DE', 1_200_000],
    ['1.200.000', 'en_US', 1_200_000],
    ['1,00,000', 'en_IN', 100_000],
    ['1.5E+03', 'en_US', 1500],
  ])('%j in %s is %d', (input, locale, expected) => {
    expect(parseNumber(input, locale)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['abc', "not a number: 'abc'"],
    ['n/a', "not a number: 'n/a'"],
    ['12 apples', "not a number: '12 apples'"],
    ['12 34', "not a number: '12 34'"], // a space only groups thousands
    ['1,2,3', "not a number: '1,2,3'"],
    ['1.200,50,1', "not a number: '1.200,50,1'"],
    ['', 'empty'],
    ['-', 'empty'],
    ['$ -', 'empty'],
    [true, 'not a number: TRUE'],
    [new Date('2024-03-05T00:00:00Z'), 'not a number: the date 2024-03-05'],
    [Number.NaN, 'not a number: NaN'],
  ])('refuses %j: %s', (input, reason) => {
    expect(parseNumber(input)).toEqual({ ok: false, reason });
  });

  it.each(FORMULA_ERRORS.map((e) => [e]))('names the formula error %s', (error) => {
    expect(parseNumber(error)).toEqual({ ok: false, reason: `formula error ${error}` });
    expect(parseDate(error)).toEqual({ ok: false, reason: `formula error ${error}` });
    expect(parseBoolean(error)).toEqual({ ok: false, reason: `formula error ${error}` });
    expect(parseStatus(error)).toEqual({ ok: false, reason: `formula error ${error}` });
    expect(parseText(error)).toEqual({ ok: false, reason: `formula error ${error}` });
    expect(parseEmail(error)).toEqual({ ok: false, reason: `formula error ${error}` });
  });

  it('recognises every formula error Sheets shows, and nothing else', () => {
    expect(
      ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#ERROR!', '#NULL!', 'Loading...'].map(
        formulaError,
      ),
    ).toEqual(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#ERROR!', '#NULL!', 'Loading...']);
    expect(formulaError(' #n/a ')).toBe('#N/A');
    expect(formulaError('Loading…')).toBe('Loading...');
    expect(formulaError('#hashtag')).toBeNull();
    expect(formulaError(42)).toBeNull();
  });

  it('treats empty, spaces and a lone dash as blank, and nothing else', () => {
    expect(['', '  ', '-', '—', null, undefined].every(isBlank)).toBe(true);
    expect([0, false, 'x', '--', '0'].some(isBlank)).toBe(false);
  });
});

describe('parseCount and parseTenureMonths', () => {
  it('wants whole numbers of 0 or more', () => {
    expect(parseCount('3')).toEqual({ ok: true, value: 3 });
    expect(parseCount(0)).toEqual({ ok: true, value: 0 });
    expect(parseCount('2.5')).toEqual({
      ok: false,
      reason: "must be a whole number of 0 or more, got '2.5'",
    });
    expect(parseCount(-1)).toEqual({ ok: false, reason: 'must be a whole number of 0 or more, got -1' });
    expect(parseCount('three')).toEqual({ ok: false, reason: "not a number: 'three'" });
  });

  it('reads tenure in months or years', () => {
    expect(parseTenureMonths(18)).toEqual({ ok: true, value: 18 });
    expect(parseTenureMonths('24 months')).toEqual({ ok: true, value: 24 });
    expect(parseTenureMonths('2 years')).toEqual({ ok: true, value: 24 });
    expect(parseTenureMonths('1,5 года', 'ru_RU')).toEqual({ ok: true, value: 18 });
    expect(parseTenureMonths('3 weeks')).toEqual({ ok: false, reason: "not a number of months: '3 weeks'" });
    expect(parseTenureMonths(-2)).toEqual({ ok: false, reason: 'tenure cannot be negative, got -2' });
  });
});

describe('parseBoolean', () => {
  it.each([
    'yes',
    'Y',
    'TRUE',
    'true',
    '1',
    'x',
    'X',
    '✓',
    '✔',
    'да',
    'Да',
    'Ja',
    'evet',
    'EVET',
    'иә',
    'Иә',
    true,
    1,
  ])('%j is yes', (v) => expect(parseBoolean(v)).toEqual({ ok: true, value: true }));
  it.each([
    'no',
    'N',
    'false',
    'FALSE',
    '0',
    '',
    'нет',
    'НЕТ',
    'nei',
    'Nei',
    'hayır',
    'HAYIR',
    'Hayir',
    'жоқ',
    'Жоқ',
    false,
    0,
  ])('%j is no', (v) => expect(parseBoolean(v)).toEqual({ ok: true, value: false }));
  it('refuses anything else by name', () => {
    expect(parseBoolean('maybe')).toEqual({ ok: false, reason: "not yes/no: 'maybe'" });
    expect(parseBoolean(2)).toEqual({ ok: false, reason: 'not yes/no: 2' });
  });
});

describe('parseDate', () => {
  it.each([
    [new Date('2024-03-05T00:00:00Z'), 'en_US', '2024-03-05'],
    ['2024-03-05', 'en_US', '2024-03-05'],
    ['2024-03-05', 'de_DE', '2024-03-05'],
    ['2024-3-5', 'en_US', '2024-03-05'],
    ['2024/03/05', 'ja_JP', '2024-03-05'],
    ['05/03/2024', 'en_GB', '2024-03-05'],
    ['05/03/2024', 'fr_FR', '2024-03-05'],
    ['05/03/2024', 'ru_RU', '2024-03-05'],
    ['05/03/2024', 'tr_TR', '2024-03-05'],
    ['03/05/2024', 'en_US', '2024-03-05'],
    ['3/5/24', 'en_US', '2024-03-05'],
    ['05-03-2024', 'nb_NO', '2024-03-05'],
    ['05.03.2024', 'de_DE', '2024-03-05'],
    ['05.03.2024', 'ru_RU', '2024-03-05'],
    ['05.03.2024', 'nb_NO', '2024-03-05'],
    ['05.03.2024', 'kk_KZ', '2024-03-05'],
    ['05.03.2024', 'en_US', '2024-03-05'], // dots are day first wherever they are typed
    ['5.3.24', 'de_DE', '2024-03-05'],
    ['5 Mar 2024', 'en_US', '2024-03-05'],
    ['5 March 2024', 'en_GB', '2024-03-05'],
    ['05-Mar-24', 'en_US', '2024-03-05'],
    ['March 5, 2024', 'en_US', '2024-03-05'],
    ['Mar 5th 2024', 'en_US', '2024-03-05'],
    ['Tue, 5 Mar 2024', 'en_GB', '2024-03-05'],
    ['5. März 2024', 'de_DE', '2024-03-05'],
    ['5 mars 2024', 'fr_FR', '2024-03-05'],
    ['5 марта 2024 г.', 'ru_RU', '2024-03-05'],
    ['5 Mart 2024', 'tr_TR', '2024-03-05'],
    ['5 наурыз 2024', 'kk_KZ', '2024-03-05'],
    ['5 juin 2024', 'fr_FR', '2024-06-05'],
    ['5 juil. 2024', 'fr_FR', '2024-07-05'],
    ['29/02/2024', 'en_GB', '2024-02-29'],
    [45356, 'en_US', '2024-03-05'],
    ['45356', 'en_US', '2024-03-05'],
    [45356.5, 'en_US', '2024-03-05T12:00:00Z'],
    ['2024-03-05 14:30', 'en_US', '2024-03-05T14:30:00Z'],
    ['05/03/2024 2:30 PM', 'en_GB', '2024-03-05T14:30:00Z'],
  ])('%j in %s is %s', (input, locale, iso) => {
    expect(parseDate(input, locale)).toEqual({ ok: true, value: d(iso) });
  });

  it('reads a Date cell as the day it shows in the spreadsheet’s time zone', () => {
    // Sheets hands a script midnight in the sheet's zone: 5 March in Moscow is 4 March 21:00 UTC.
    expect(parseDate(new Date('2024-03-04T21:00:00Z'), 'ru_RU', 'Europe/Moscow')).toEqual({
      ok: true,
      value: d('2024-03-05'),
    });
    expect(parseDate(new Date('2024-03-05T05:00:00Z'), 'en_US', 'America/New_York')).toEqual({
      ok: true,
      value: d('2024-03-05'),
    });
    expect(wallClockDate(new Date('2024-03-04T19:00:00Z'), 'GMT+05:00')).toEqual(d('2024-03-05'));
    expect(wallClockDate(new Date('2024-03-04T19:00:00Z'), 'Not/AZone')).toEqual(d('2024-03-04T19:00:00Z'));
    expect(parseDate('2024-03-04T21:00:00Z', 'ru_RU', 'Europe/Moscow')).toEqual({
      ok: true,
      value: d('2024-03-05'),
    });
  });

  it('names dates that do not exist, and says when the locale reads them the other way', () => {
    expect(parseDate('31/02/2024', 'en_GB')).toEqual({
      ok: false,
      reason: "date '31/02/2024' does not exist",
    });
    expect(parseDate('29/02/2023', 'en_GB')).toEqual({
      ok: false,
      reason: "date '29/02/2023' does not exist",
    });
    expect(parseDate('2024-13-01')).toEqual({ ok: false, reason: "date '2024-13-01' does not exist" });
    expect(parseDate('31 Apr 2024')).toEqual({ ok: false, reason: "date '31 Apr 2024' does not exist" });
    expect(parseDate('13/03/2024', 'en_US')).toEqual({
      ok: false,
      reason: "date '13/03/2024' does not exist (the sheet's locale en_US writes dates month/day/year)",
    });
    expect(parseDate('03/13/2024', 'de_DE')).toEqual({
      ok: false,
      reason: "date '03/13/2024' does not exist (the sheet's locale de_DE writes dates day/month/year)",
    });
  });

  it('refuses what is not a date', () => {
    expect(parseDate('soon')).toEqual({ ok: false, reason: "not a date: 'soon'" });
    expect(parseDate('5 Smarch 2024')).toEqual({ ok: false, reason: "not a date: '5 Smarch 2024'" });
    expect(parseDate('05/03/2024 25:00', 'en_GB')).toEqual({
      ok: false,
      reason: "not a date: '05/03/2024 25:00'",
    });
    expect(parseDate(12)).toEqual({
      ok: false,
      reason: 'not a date: 12 (a number in a date column is read as a Sheets day serial such as 45356)',
    });
    expect(parseDate(new Date('nope'))).toEqual({ ok: false, reason: 'invalid date' });
    expect(parseDate('#REF!')).toEqual({ ok: false, reason: 'formula error #REF!' });
  });
});

describe('scores', () => {
  it('keeps NPS within 0-10', () => {
    expect(parseNps(9)).toEqual({ ok: true, value: 9 });
    expect(parseNps('7,5', 'de_DE')).toEqual({ ok: true, value: 7.5 });
    expect(parseNps(12)).toEqual({ ok: false, reason: 'NPS must be 0-10, got 12' });
    expect(parseNps('-1')).toEqual({ ok: false, reason: "NPS must be 0-10, got '-1'" });
  });

  it.each([
    [4, 0.8],
    ['4/5', 0.8],
    ['80%', 0.8],
    [0.8, 0.8], // a % cell holds the fraction
    [8, 0.8],
    ['8 of 10', 0.8],
    [80, 0.8],
    [5, 1],
    [1, 0.2],
    [0, 0],
    ['4,5', 0.9],
  ])('reads CSAT %j as %d', (input, expected) => {
    const parsed = parseCsat(input, 'de_DE');
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value).toBeCloseTo(expected, 10);
  });

  it('refuses CSAT off every scale', () => {
    expect(parseCsat(150)).toEqual({ ok: false, reason: 'CSAT must be 1-5, 0-10 or a percentage, got 150' });
    expect(parseCsat('120%')).toEqual({
      ok: false,
      reason: "CSAT must be 1-5, 0-10 or a percentage, got '120%'",
    });
    expect(parseCsat('6/5')).toEqual({
      ok: false,
      reason: "CSAT must be 1-5, 0-10 or a percentage, got '6/5'",
    });
    expect(parseCsat('good')).toEqual({ ok: false, reason: "not a number: 'good'" });
  });
});

describe('words', () => {
  it('splits tags on commas, semicolons, pipes and lines, without repeats', () => {
    expect(parseTags('vip; hotels, at risk|q4\nVIP')).toEqual(['vip', 'hotels', 'at risk', 'q4']);
    expect(parseTags('')).toEqual([]);
    expect(parseTags('#N/A')).toEqual([]);
  });

  it.each([
    ['Active', 'active'],
    ['active', 'active'],
    ['Paused', 'active'],
    ['Trial', 'active'],
    ['on-hold', 'active'],
    ['Churned', 'churned'],
    ['Cancelled', 'churned'],
    ['canceled', 'churned'],
    ['Lost', 'churned'],
    ['Closed', 'churned'],
    ['Inactive', 'churned'],
    ['Closed lost', 'churned'],
    ['Ушёл', 'churned'],
    ['İptal', 'churned'],
    ['Avsluttet', 'churned'],
    ['Yes', 'churned'], // a "Churned" yes/no column
    ['No', 'active'],
    [true, 'churned'],
    [0, 'active'],
    ['', 'active'],
  ])('status %j is %s', (input, status) => {
    expect(parseStatus(input)).toEqual({ ok: true, value: status });
  });

  it('names an unknown status', () => {
    expect(parseStatus('zombie')).toEqual({
      ok: false,
      reason: "unknown status 'zombie' (use Active or Churned)",
    });
  });

  it('reads crisis impact words', () => {
    expect(parseImpact('Hard hit')).toEqual({ ok: true, value: 'severe' });
    expect(parseImpact('booming')).toEqual({ ok: true, value: 'booming' });
    expect(parseImpact('meh')).toEqual({
      ok: false,
      reason: "unknown crisis impact 'meh' (use Severe, Hit, Stable or Booming)",
    });
  });

  it('reads email cells in the forms people paste', () => {
    expect(parseEmail(' Ana@Hotel.Example ')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: [] },
    });
    expect(parseEmail('Ana Díaz <ana@hotel.example>')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: [] },
    });
    expect(parseEmail('mailto:ana@hotel.example')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: [] },
    });
    expect(parseEmail('ana@hotel.example; bo@hotel.example')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: ['bo@hotel.example'] },
    });
    expect(parseEmail('carl@shop')).toEqual({ ok: false, reason: "not a valid email: 'carl@shop'" });
    expect(parseEmail('ana @hotel.example')).toEqual({
      ok: false,
      reason:
        "not a valid email: 'ana @hotel.example' has a space in the address; ChurnGuard never guesses which part is meant",
    });
    expect(parseEmail('')).toEqual({ ok: false, reason: 'no email' });
    expect(parseEmail(42)).toEqual({ ok: false, reason: 'not a valid email: 42' });
  });

  it('never repairs an address by guessing: a cell with a space in it is refused, not cut down', () => {
    for (const cell of [
      'john smith@acme.com',
      'ana@x.example (billing)',
      'Ana Díaz ana@x.example',
      'a@x.example;  b c@x.example',
    ]) {
      const parsed = parseEmail(cell);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.reason).toContain('never guesses');
    }
  });

  it('removes only invisible characters, and says which', () => {
    expect(parseEmail('ana@hotel.example\u200b')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: [], invisible: ['U+200B'] },
    });
    expect(parseEmail('\ufeffana@ho\u00adtel.example\u200e')).toEqual({
      ok: true,
      value: { email: 'ana@hotel.example', others: [], invisible: ['U+FEFF', 'U+00AD', 'U+200E'] },
    });
    expect(parseEmail('\u200b\u200d')).toEqual({
      ok: false,
      reason: 'no email: only invisible characters (U+200B, U+200D)',
    });
    // A visible non-ASCII look-alike is not invisible: it is a different address, and refused as it is.
    expect(parseEmail('ana@hotel.example\u00a0x').ok).toBe(false);
  });
});
