import {
  parseBoolean,
  parseCount,
  parseCsat,
  parseDate,
  parseNps,
  parseNumber,
  parseStatus,
  parseTags,
} from '../../../src/core/sheet/values';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('parseNumber', () => {
  it.each([
    [1200.5, 'en_US', 1200.5],
    ['$1,200.50', 'en_US', 1200.5],
    ['1.200,50 €', 'de_DE', 1200.5],
    ['1 200,50 ₽', 'ru_RU', 1200.5],
    ['1\u202f200,50\u00a0₽', 'ru_RU', 1200.5],
    ['(1,200)', 'en_US', -1200],
    ['-45', 'en_US', -45],
    ['12%', 'en_US', 0.12],
    ['1.2k', 'en_US', 1200],
    ['1,200', 'en_US', 1200],
    ['1,200', 'de_DE', 1.2],
    ['1.200', 'de_DE', 1200],
    ['1.200', 'en_US', 1.2],
    ['kr 499', 'nb_NO', 499],
    ['499,90 kr', 'nb_NO', 499.9],
  ])('%j in %s is %d', (input, locale, expected) => {
    expect(parseNumber(input, locale)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['abc', "not a number: 'abc'"],
    ['#N/A', 'formula error #N/A'],
    ['#DIV/0!', 'formula error #DIV/0!'],
    ['n/a', "not a number: 'n/a'"],
    ['', 'empty'],
  ])('refuses %j: %s', (input, reason) => {
    expect(parseNumber(input)).toEqual({ ok: false, reason });
  });
});

describe('parseDate', () => {
  it.each([
    [new Date('2024-03-05T00:00:00Z'), 'en_US', '2024-03-05'],
    ['2024-03-05', 'en_US', '2024-03-05'],
    ['05/03/2024', 'en_GB', '2024-03-05'],
    ['03/05/2024', 'en_US', '2024-03-05'],
    ['05.03.2024', 'de_DE', '2024-03-05'],
    ['05.03.2024', 'en_US', '2024-03-05'],
    ['5 Mar 2024', 'en_US', '2024-03-05'],
    ['March 5, 2024', 'en_US', '2024-03-05'],
    [45356, 'en_US', '2024-03-05'],
  ])('%j in %s is %s', (input, locale, iso) => {
    expect(parseDate(input, locale)).toEqual({ ok: true, value: d(iso) });
  });

  it('names impossible and unreadable dates', () => {
    expect(parseDate('31/02/2024', 'en_GB')).toEqual({
      ok: false,
      reason: "date '31/02/2024' does not exist",
    });
    expect(parseDate('2024-13-01')).toEqual({ ok: false, reason: "date '2024-13-01' does not exist" });
    expect(parseDate('soon')).toEqual({ ok: false, reason: "not a date: 'soon'" });
    expect(parseDate('#REF!')).toEqual({ ok: false, reason: 'formula error #REF!' });
  });
});

describe('other fields', () => {
  it.each(['yes', 'Y', 'TRUE', '1', 'x', '✓', 'да', 'Ja', 'evet', 'иә', true, 1])('%j is true', (v) => {
    expect(parseBoolean(v)).toEqual({ ok: true, value: true });
  });
  it.each(['no', 'N', 'false', '0', '', 'нет', 'nei', 'hayır', 'жоқ', false, 0])('%j is false', (v) => {
    expect(parseBoolean(v)).toEqual({ ok: true, value: false });
  });
  it('refuses maybe', () =>
    expect(parseBoolean('maybe')).toEqual({ ok: false, reason: "not yes/no: 'maybe'" }));

  it('checks counts, NPS and CSAT ranges', () => {
    expect(parseCount('2.5')).toEqual({
      ok: false,
      reason: "must be a whole number of 0 or more, got '2.5'",
    });
    expect(parseCount(-1).ok).toBe(false);
    expect(parseNps(12)).toEqual({ ok: false, reason: "NPS must be 0-10, got '12'" });
    expect(parseCsat(4)).toEqual({ ok: true, value: 0.75 });
    expect(parseCsat('80%')).toEqual({ ok: true, value: 0.8 });
    expect(parseCsat(8.5)).toEqual({ ok: true, value: 0.85 });
  });

  it('reads statuses and churn flags', () => {
    expect(parseStatus('Churned')).toEqual({ ok: true, value: 'churned' });
    expect(parseStatus('Cancelled')).toEqual({ ok: true, value: 'churned' });
    expect(parseStatus('Active')).toEqual({ ok: true, value: 'active' });
    expect(parseStatus('Yes')).toEqual({ ok: true, value: 'churned' });
    expect(parseStatus('No')).toEqual({ ok: true, value: 'active' });
    expect(parseStatus('zombie').ok).toBe(false);
  });

  it('splits tags', () =>
    expect(parseTags('vip; hotels, at risk|q4')).toEqual(['vip', 'hotels', 'at risk', 'q4']));
});
