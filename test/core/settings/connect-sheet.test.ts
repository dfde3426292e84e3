import { connectSheet, DEFAULT_SETTINGS } from '../../../src/core/settings/settings';

describe('connectSheet: a column mapping belongs to the sheet it was made for', () => {
  const mapped = {
    ...DEFAULT_SETTINGS,
    spreadsheetId: 'sheet-one-0123456789abcdef',
    customerSheet: 'Customers',
    mapping: { email: 'E-post' },
  };

  it('keeps the mapping when the same sheet and tab are connected again', () => {
    expect(connectSheet(mapped, 'sheet-one-0123456789abcdef', 'Customers').mapping).toEqual({
      email: 'E-post',
    });
  });

  it.each([
    ['another spreadsheet', 'sheet-two-0123456789abcdef', 'Customers'],
    ['another tab', 'sheet-one-0123456789abcdef', 'Clients'],
  ])('drops it for %s, and keeps every other setting', (_what, id, tab) => {
    const next = connectSheet({ ...mapped, watch: { enabled: true, digest: true, hourUtc: 6 } }, id, tab);
    expect(next.mapping).toBeUndefined();
    expect(next).toMatchObject({
      spreadsheetId: id,
      customerSheet: tab,
      watch: { enabled: true, hourUtc: 6 },
    });
  });
});
