/**
 * The portfolio at a glance: active customers and MRR, MRR at risk by band, and who to call first.
 * "First" is expected loss, risk × MRR, so a critical small account does not hide a high-risk large one.
 */
import type { Customer } from '../customers/customer';
import type { Band, RiskScore } from '../risk/scorecard';

export const BANDS: Band[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

export interface AtRiskEntry {
  customer: Customer;
  risk: RiskScore;
  /** Risk (0-1) × MRR: the monthly revenue expected to be lost. */
  expectedLoss: number;
}

export interface PortfolioSnapshot {
  activeCustomers: number;
  mrr: number;
  byBand: Record<Band, { customers: number; mrr: number }>;
  /** Active customers in High or Critical, largest expected loss first. */
  atRisk: AtRiskEntry[];
}

export function portfolioSnapshot(
  customers: readonly Customer[],
  risks: readonly RiskScore[],
): PortfolioSnapshot {
  const byBand = Object.fromEntries(
    BANDS.map((b) => [b, { customers: 0, mrr: 0 }]),
  ) as PortfolioSnapshot['byBand'];
  const atRisk: AtRiskEntry[] = [];
  let active = 0;
  let mrr = 0;
  customers.forEach((customer, i) => {
    if (customer.status === 'churned') return;
    const risk = risks[i] as RiskScore;
    const value = customer.mrr ?? 0;
    active++;
    mrr += value;
    byBand[risk.band].customers++;
    byBand[risk.band].mrr += value;
    if (risk.band === 'High' || risk.band === 'Critical') {
      atRisk.push({ customer, risk, expectedLoss: ((risk.score ?? 0) / 100) * value });
    }
  });
  atRisk.sort((a, b) => b.expectedLoss - a.expectedLoss || (b.risk.score ?? 0) - (a.risk.score ?? 0));
  return { activeCustomers: active, mrr, byBand, atRisk };
}

/** A text bar for cards, which cannot draw charts without sending data to an outside chart service. */
export function textBar(share: number, width = 12): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
