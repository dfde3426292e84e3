/** The Campaigns-tab check: what counts as a changed log, and how it is reported. */
import { LOG_HEADERS, readLog } from '../../../src/core/campaigns/log';
import { baselineOf, checkCampaignLog, keyChecksum } from '../../../src/core/campaigns/log-check';

const row = (email: string, id = 'cmp-1') => [id, 'Relief', email, '', 'emailed', 'pending', '', ''];
const tab = (...rows: unknown[][]) => readLog([[...LOG_HEADERS], ...rows]);
const start = tab(row('a@x.io'), row('b@x.io'), row('c@x.io'), row('z@x.io', 'cmp-2'));
const baseline = baselineOf(start.recipients.filter((r) => r.campaignId === 'cmp-1'));

describe('checkCampaignLog', () => {
  it('accepts the rows it started with in any order, and ignores other campaigns', () => {
    expect(keyChecksum(['a', 'b', 'c'])).toBe(keyChecksum(['c', 'a', 'b']));
    const sorted = tab(row('z@x.io', 'cmp-2'), row('c@x.io'), row('a@x.io'), row('b@x.io'));
    expect(checkCampaignLog(sorted, 'cmp-1', baseline, 'Campaigns')).toBeNull();
  });

  it('names a duplicated recipient with both rows', () => {
    const pasted = tab(row('a@x.io'), row('b@x.io'), row('c@x.io'), row('b@x.io'));
    expect(checkCampaignLog(pasted, 'cmp-1', baseline, 'Campaigns')).toMatchObject({
      kind: 'duplicate',
      what: expect.stringMatching(/Campaigns rows 3 and 5 all hold b@x\.io/),
    });
  });

  it('counts missing rows, and tells an edited email from a deletion', () => {
    expect(checkCampaignLog(tab(row('a@x.io'), row('c@x.io')), 'cmp-1', baseline, 'Campaigns')).toMatchObject(
      {
        kind: 'missing',
        what: expect.stringMatching(/has 2 recipient rows for this campaign; it started with 3/),
      },
    );
    const edited = tab(row('a@x.io'), row('b@x.io'), row('q@x.io'));
    expect(checkCampaignLog(edited, 'cmp-1', baseline, 'Campaigns')?.kind).toBe('changed');
  });

  it('reports an unreadable status cell with its cell when a row seems missing', () => {
    const typo = tab(row('a@x.io'), row('b@x.io'), [...row('c@x.io').slice(0, 5), 'snet', '', '']);
    expect(checkCampaignLog(typo, 'cmp-1', baseline, 'Campaigns')?.what).toMatch(
      /Campaigns!F4 \(Status\): unknown status 'snet'/,
    );
  });
});
