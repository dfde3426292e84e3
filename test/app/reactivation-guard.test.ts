/**
 * The automatic reactivation uses the same guard rail as the sidebar and segment campaigns: with a
 * Discount template, quiet customers below the discount line get the check-in instead.
 */
import { appEntry } from '../../src/app/entry';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { createContext } from '../../src/gas/runtime';
import { act, standInContext } from '../helpers/stand-in-context';

const QUIET = new Date('2026-06-01T00:00:00Z');

it('gives quiet customers below the discount line the check-in instead of the discount', () => {
  const mrrs = [50, 60, 70, 80, 90, 100, 200, 300, 400, 1000];
  const w = standInContext(
    [
      ['Email', 'Name', 'Company', 'MRR', 'Last activity', 'Status'],
      ...mrrs.map((mrr, i) => [`q${i}@x.example`, `Quiet ${i}`, `Co ${i}`, mrr, QUIET, 'Active']),
    ],
    {
      tabs: {
        Templates: DEFAULT_TEMPLATES.map((r) => [...r]),
        Settings: [
          ['Setting', 'Value'],
          ['Holdout %', '0'],
        ],
      },
    },
  );
  act(
    w.ctx(),
    'saveSettings',
    {},
    {
      spreadsheet: w.ss.id,
      customerSheet: 'Customers',
      reactivationEnabled: 'on',
      reactivationDays: '120',
      reactivationTemplate: 'Discount',
    },
  );
  const report = appEntry(
    () => ({ ...createContext(w.world.startExecution({ kind: 'trigger' }).globals), clock: w.world.clock }),
    (e) => {
      throw e;
    },
  ).hourly();
  expect(report.errors).toEqual([]);
  const subjects = new Map(w.world.mail.outbox.map((m) => [m.to[0]!, m.subject]));
  expect(subjects.size).toBe(10);
  // The top 20% by MRR (400 and 1,000) get the discount; everyone else the check-in.
  mrrs.forEach((mrr, i) => {
    const subject = subjects.get(`q${i}@x.example`);
    if (mrr >= 400) expect(subject).not.toBe('Quick check-in');
    else expect(subject).toBe('Quick check-in');
  });
});
