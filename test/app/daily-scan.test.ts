/**
 * Months of daily scans on the bundled sample sheet, on the stand-ins' fake clock: every alert is
 * raised once per event, the History tab stays one bounded row per customer, and each manager's
 * digest lists only their own customers.
 */
import * as path from 'node:path';
import { runDailyScan } from '../../src/app/watch/scan';
import { recordEmailSignal } from '../../src/app/watch/email-signals';
import { readAlerts } from '../../src/core/watch/alerts';
import { decodePoints } from '../../src/core/watch/history';
import { readTableFile } from '../../src/local/table/table-file';
import { standInContext } from '../helpers/stand-in-context';

const SAMPLE = path.resolve(__dirname, '../../sample/customers.csv');
const DAY = 86_400_000;

describe('daily scan', () => {
  it('raises each alert once over 120 days, keeps history bounded, and digests per owner', () => {
    const values = readTableFile(SAMPLE).sheets[0]!.values;
    const { world, ss, ctx } = standInContext(values, {
      settings: { watch: { enabled: true } },
      now: '2026-11-20T06:00:00Z',
    });
    const headers = values[0] as string[];
    const overdueCol = headers.indexOf('Overdue invoices');
    const ownerCol = headers.indexOf('Owner');
    const emailCol = headers.indexOf('Email');
    const tab = () => ss.sheet('Customers')!;

    recordEmailSignal(ctx().userStore, {
      email: String(values[1]![emailCol]),
      messageId: 'msg-1',
      day: '2026-11-20',
      label: 'Cancellation',
      phrase: 'we want to cancel',
    });
    const reports = [];
    for (let d = 0; d < 120; d++) {
      if (d === 10) {
        // A customer with no overdue invoice gets one: a new payment event.
        const row = tab().rows.findIndex((r, i) => i > 0 && Number(r[overdueCol] ?? 0) === 0);
        tab().rows[row]![overdueCol] = 2;
      }
      reports.push(runDailyScan(ctx()));
      world.clock.advance(DAY);
    }
    expect(reports[0]!.historyRows).toBe(400);
    const alerts = readAlerts(ss.sheet('Alerts')!.rows).alerts;
    const keys = alerts.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(reports.reduce((n, r) => n + r.alerts, 0));
    expect(alerts.some((a) => a.kind === 'churnEmail')).toBe(true);
    expect(alerts.filter((a) => a.kind === 'paymentOverdue').length).toBeGreaterThanOrEqual(1);
    expect(reports.slice(1).some((r) => r.alerts > 0)).toBe(true);
    // History: one row per customer, points bounded, today's point present.
    const history = ss.sheet('History')!.rows.slice(1);
    expect(history).toHaveLength(400);
    const longest = Math.max(...history.map((r) => decodePoints(r[1]).length));
    expect(longest).toBeLessThanOrEqual(56);
    expect(longest).toBeGreaterThan(30);
    // Digests: one per owner with alerts that day, listing only that owner's customers.
    const ownerOf = new Map(values.slice(1).map((r) => [String(r[emailCol]), String(r[ownerCol] ?? '')]));
    const digests = world.mail.outbox.filter((m) => m.subject.startsWith('ChurnGuard:'));
    expect(digests.length).toBeGreaterThan(0);
    for (const m of digests) {
      const owner = m.to[0]!;
      const day = /for (\d{4}-\d{2}-\d{2})$/.exec(m.subject)![1];
      const listed = m.body
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2, l.indexOf(': ')))
        .sort();
      const expected = alerts
        .filter((a) => a.raised === day && (a.owner || 'am@nimbus.example').toLowerCase() === owner)
        .map((a) => a.customer)
        .sort();
      expect(listed).toEqual(expected);
    }
    // Days without new alerts send nothing.
    expect(digests.length).toBeLessThan(120 * new Set(ownerOf.values()).size);
    for (const a of alerts) expect(a.owner).toBe(ownerOf.get(a.email) ?? '');
  });
});
