/**
 * Batched sends through the email-service stand-in (real HTTP on 127.0.0.1, latency model on the fake
 * clock): emails per 6-minute hourly run one by one and at several batch sizes, the hourly runs a
 * 20,000-recipient win-back needs at that pace, and the review set one lost answer creates (the
 * third request's answer is lost after the service accepted it: every email of it goes to review).
 *
 * Emails are ~4 KB (a real template's HTML with the footer), so request size counts (0.1 ms a KB
 * posted). Two composers: the test world's, which reads nothing, shows the transport alone; the
 * other makes the product composer's service calls (fresh unsubscribes and the customer's row: per
 * recipient one by one, per batch when batched), which is what a real run is bound by.
 */
import type { ComposerFactory } from '../src/app/campaigns/run';
import { loadSettings } from '../src/app/settings-store';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../src/core/settings/sender';
import { startEmailService, STANDIN_API_KEY } from '../src/local/email-service/process';
import { oneRun } from './sender.bench';

/** Pending recipients per measured run: more than one batched run can send. */
const PENDING = 8_000;
const WIN_BACK = 20_000;
/** A batched request of 1,000 emails (~4 MB) needs more than the one-email tests' 100 ms, for real. */
const DEADLINE_MS = 5_000;

const PARAGRAPH =
  '<p>We noticed you have not logged in for a while, and we would love to help you get value again. </p>';

/** A realistic body (~4 KB of HTML, ~1 KB of text) around the test world's short one. */
const sized: (base: ComposerFactory) => ComposerFactory = (base) => (ctx, meta) => {
  const compose = base(ctx, meta);
  return (r) => {
    const c = compose(r);
    if (!c.ok) return c;
    return {
      ok: true,
      email: {
        ...c.email,
        htmlBody: `<html><body>${c.email.htmlBody}${PARAGRAPH.repeat(36)}</body></html>`,
        textBody: `${c.email.textBody}\n${'We noticed you have not logged in for a while. '.repeat(20)}`,
        unsubscribeUrl: `https://script.google.com/macros/s/deployment/exec?u=${encodeURIComponent(r.email)}`,
      },
    };
  };
};

/**
 * Also makes the product composer's reads (src/app/campaigns/composer.ts): one by one, a property
 * read and a customer-row read per recipient; batched, `prepare` reads the property once and the
 * batch's rows in spans (here the audience's rows are consecutive, so one span a batch).
 */
const readingRows: (base: ComposerFactory) => ComposerFactory = (base) => (ctx, meta) => {
  const compose = sized(base)(ctx, meta);
  const sheet = ctx.customerSheet(meta.spreadsheetId, loadSettings(ctx.userStore).settings.customerSheet);
  let prepared = new Set<string>();
  return Object.assign(
    (r: Parameters<ReturnType<ComposerFactory>>[0]) => {
      if (!prepared.has(r.email)) {
        ctx.userStore.get('churnguard.unsubscribe.pending');
        sheet.readRows(r.row, 1);
      }
      return compose(r);
    },
    {
      prepare: (batch: readonly { email: string; row: number }[]) => {
        ctx.userStore.get('churnguard.unsubscribe.pending');
        const rows = batch.map((r) => r.row);
        sheet.readRows(Math.min(...rows), Math.max(...rows) - Math.min(...rows) + 1);
        prepared = new Set(batch.map((r) => r.email));
      },
    },
  );
};

export async function batchedSendBench(print: (title: string, rows: Record<string, unknown>[]) => void) {
  const service = await startEmailService(STANDIN_API_KEY);
  try {
    const rows: Record<string, unknown>[] = [];
    const sizes = [1, 10, DEFAULT_BATCH_SIZE, 200, MAX_BATCH_SIZE];
    for (const [composerName, composer] of [
      ['reads nothing', sized],
      ['reads each row', readingRows],
    ] as const) {
      for (const batchSize of sizes) {
        const label =
          batchSize === 1
            ? 'one by one'
            : `${batchSize} a request${batchSize === DEFAULT_BATCH_SIZE ? ' (default)' : ''}`;
        const options = { batchSize, n: PENDING, deadlineMs: DEADLINE_MS, composer };
        const clean = oneRun(service, label, null, options);
        const lost = oneRun(service, label, null, {
          ...options,
          faults: [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'hang-after' }],
        });
        const sent = clean['sent in one 6-min run'];
        // A run that sent every pending email could have sent more: its figures are bounds.
        const all = sent >= PENDING;
        rows.push({
          composer: composerName,
          sender: label,
          'sent in one 6-min run': all ? `${sent} (all)` : sent,
          'fetches / email': clean['fetches / email'],
          'hourly runs for 20,000': sent > 0 ? `${all ? '≤' : ''}${Math.ceil(WIN_BACK / sent)}` : '-',
          'review after one lost answer': lost.review,
          'sent in that run': lost['sent in one 6-min run'],
          'wall ms / email': clean['wall ms / email'],
        });
      }
    }
    print(
      `Email service: one hourly run (6 min, 4.5 used) on ${PENDING.toLocaleString('en-US')} pending ~4 KB emails, one by one vs batched (latency model; wall = this machine)`,
      rows,
    );
  } finally {
    await service.stop();
  }
}
