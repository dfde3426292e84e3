import { parseSpreadsheetRef, spreadsheetUrl } from '../../../src/core/settings/spreadsheet-ref';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ab';

describe('parseSpreadsheetRef', () => {
  it.each([
    [ID],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`],
    [`https://docs.google.com/spreadsheets/d/${ID}`],
    [`  ${ID}  `],
  ])('finds the ID in %s', (input) => {
    expect(parseSpreadsheetRef(input)).toEqual({ ok: true, id: ID });
  });

  it('says what is wrong', () => {
    expect(parseSpreadsheetRef('')).toEqual({ ok: false, reason: 'Paste the spreadsheet URL or its ID.' });
    const docs = parseSpreadsheetRef('https://docs.google.com/document/d/abc/edit');
    expect(docs.ok).toBe(false);
    expect(!docs.ok && docs.reason).toMatch(/not a Google Sheets link/);
    const typo = parseSpreadsheetRef('my customers');
    expect(!typo.ok && typo.reason).toMatch(/neither a spreadsheet URL nor a spreadsheet ID/);
  });

  it('builds links to a row', () => {
    expect(spreadsheetUrl(ID, 42, 7)).toBe(
      `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=42&range=A7`,
    );
  });
});
