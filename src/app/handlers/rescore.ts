/**
 * Scores every customer and writes risk and band back to the sheet, so managers can sort and filter
 * by risk there: one batched read and one batched write, whatever the sheet's size.
 */
import { count } from '../../core/text/format';
import type { ActionResponse } from '../../ui/card/types';
import { planWrites, type CellUpdate } from '../../core/sheet/write-plan';
import type { AppContext } from '../context';
import type { WholeSheet } from '../whole-sheet';
import type { RiskScorer } from '../risk';
import type { RiskScore } from '../../core/risk/scorecard';
import { RISK_COLUMNS } from '../jobs/portfolio-job';
import { currentSnapshot, progressText } from '../portfolio/current';
import { requireConnected } from '../connected';

export { RISK_COLUMNS };

export interface RescoreResult {
  scored: number;
  unscored: number;
  issues: number;
  writes: number;
}

/**
 * Scores every customer of a sheet already read and writes risk and band in one batched write.
 * Also returns each customer's score, for callers (the daily scan) that go on to use them.
 */
export function writeScores(
  { sheet, all, read }: WholeSheet,
  score: RiskScorer,
): { result: RescoreResult; risks: Map<number, RiskScore> } {
  const [riskColumn, bandColumn] = sheet.ensureColumns([...RISK_COLUMNS], all.headers) as [number, number];
  const byRow = new Map(read.customers.map((c) => [c.row, c]));
  const risks = new Map<number, RiskScore>();
  const updates: CellUpdate[] = [];
  let scored = 0;
  for (const row of all.rowNumbers) {
    const customer = byRow.get(row);
    const risk = customer ? score(customer) : undefined;
    if (risk) risks.set(row, risk);
    if (risk?.score !== undefined) scored++;
    // Rows that are not customers (no email, duplicates) are cleared, so no stale score survives.
    updates.push({ row, column: riskColumn, value: risk?.score === undefined ? '' : Math.round(risk.score) });
    updates.push({ row, column: bandColumn, value: risk && risk.score !== undefined ? risk.band : '' });
  }
  const blocks = planWrites(updates);
  sheet.write(blocks);
  return {
    result: {
      scored,
      unscored: all.rowNumbers.length - scored,
      issues: read.issues.length,
      writes: blocks.length,
    },
    risks,
  };
}

/**
 * "Score all customers": starts the chunked rescore and runs one card step of it. A small sheet is
 * done at once and says what it wrote; a large one answers with its progress and goes on in the
 * hourly trigger (the homepage shows "rescoring: 40,000 / 100,000" meanwhile).
 */
export function rescoreAction(ctx: AppContext): ActionResponse {
  const { spreadsheetId } = requireConnected(ctx);
  const view = currentSnapshot(ctx, spreadsheetId, 'rescore');
  if (!view.finished)
    return {
      kind: 'notify',
      notification: `Scoring in the background (${view.progress ? progressText(view.progress) : 'queued'}); the homepage shows the progress.`,
    };
  const r = { ...view.finished, issues: view.snapshot?.issues ?? 0 };
  const extra = [
    r.unscored ? `${count(r.unscored, 'row')} without a score` : '',
    r.issues ? count(r.issues, 'cell issue') : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    kind: 'notify',
    notification: `Scored ${count(r.scored, 'customer')} into the "${RISK_COLUMNS[0]}" column${extra ? ` (${extra})` : ''}.`,
  };
}
