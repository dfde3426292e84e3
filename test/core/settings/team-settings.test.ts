import {
  DEFAULT_TEAM_SETTINGS,
  defaultTeamSettingsRows,
  readTeamSettings,
} from '../../../src/core/settings/team-settings';

describe('the Settings tab', () => {
  it('gives the defaults for a missing or empty tab, and reads back what a new spreadsheet gets', () => {
    expect(readTeamSettings(null)).toEqual({ settings: DEFAULT_TEAM_SETTINGS, issues: [] });
    expect(readTeamSettings([])).toEqual({ settings: DEFAULT_TEAM_SETTINGS, issues: [] });
    expect(readTeamSettings(defaultTeamSettingsRows())).toEqual({
      settings: DEFAULT_TEAM_SETTINGS,
      issues: [],
    });
  });

  it('reads labels loosely and values as typed in a sheet', () => {
    const { settings, issues } = readTeamSettings([
      ['Setting', 'Value'],
      ['currency', ' kzt '],
      ['Cool-down days ', '30'],
      ['HOLDOUT %', 5],
      ['Our company', 'Nimbus Ops'],
      ['', ''],
    ]);
    expect(issues).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_TEAM_SETTINGS,
      currency: 'KZT',
      coolDownDays: 30,
      holdoutPercent: 5,
      companyName: 'Nimbus Ops',
    });
  });

  it('names the cell of every bad value and unknown setting, and keeps the default for it', () => {
    const { settings, issues } = readTeamSettings([
      ['Setting', 'Value'],
      ['Currency', 'dollars'],
      ['Cool-down days', 'two weeks'],
      ['Holdout %', 80],
      ['Discount', '30%'],
      ['Currency', 'EUR'],
    ]);
    expect(issues).toEqual([
      "Settings!B2 (Currency): must be a three-letter currency code such as USD, EUR or KZT, not 'dollars'",
      "Settings!B3 (Cool-down days): must be a whole number of days from 0 to 365, not 'two weeks'",
      "Settings!B4 (Holdout %): must be a percent from 0 to 50, not '80'",
      "Settings!A5: unknown setting 'Discount'; settings are Currency, Sender name, Our company, Cool-down days, Holdout %, Default language",
      'Settings!A6 (Currency): set again; row 2 is used',
    ]);
    expect(settings).toEqual(DEFAULT_TEAM_SETTINGS);
  });
});
