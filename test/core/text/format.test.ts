import {
  count,
  formatDays,
  formatMoney,
  formatPercent,
  formatPoints,
  formatRisk,
  formatScoreChange,
  readabilityProblems,
} from '../../../src/core/text/format';

describe('one formatter for numbers people read', () => {
  it('counts with the noun in the right number', () => {
    expect(count(1, 'customer')).toBe('1 customer');
    expect(count(0, 'customer')).toBe('0 customers');
    expect(count(3, 'reply')).toBe('3 replies');
    expect(count(1, 'reply')).toBe('1 reply');
    expect(count(12345, 'row')).toBe('12,345 rows');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(30)).toBe('30 days');
  });

  it("writes money in the team's currency and the sheet's locale", () => {
    expect(formatMoney(18637.4)).toBe('$18,637');
    expect(formatMoney(9.5)).toBe('$9.50');
    expect(formatMoney(12)).toBe('$12');
    expect(formatMoney(-250)).toBe('-$250');
    expect(formatMoney(1200, { currency: 'EUR', locale: 'de_DE' })).toMatch(/^1\.200\s€$/);
    expect(formatMoney(1200, { currency: 'GBP', locale: 'en_GB' })).toBe('£1,200');
    // A code Intl does not know is shown beside the figure instead of failing the card.
    expect(formatMoney(1200, { currency: 'XX1' })).toBe('1,200 XX1');
  });

  it('rounds risk, shares and changes', () => {
    expect(formatRisk(45.41497620495725, 'Medium')).toBe('risk 45 (Medium)');
    expect(formatRisk(undefined, 'Unknown')).toBe('risk – (Unknown)');
    expect(formatPercent(0.04)).toBe('4%');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPoints(-0.16)).toBe('−16 points');
    expect(formatPoints(0.01)).toBe('+1 point');
    expect(formatPoints(0.001)).toBe('0 points');
    expect(formatScoreChange(1.2)).toBe('+1 point');
    expect(formatScoreChange(-12)).toBe('−12 points');
  });

  it('finds a singular figure with a plural noun, and nothing in correct text', () => {
    expect(readabilityProblems('Due in 1 days · 1 customers')).toEqual([
      '"1 days" should be singular',
      '"1 customers" should be singular',
    ]);
    expect(readabilityProblems('1 day · 21 days · 11 customers · 0.1 points · 1 customer')).toEqual([]);
  });
});
