/**
 * One member as the segment card lists them: name, then company · risk · MRR · impact. The sheet's
 * snapshot and the warehouse give members in different shapes (undefined vs SQL NULL); both read
 * here so the card says the same thing whichever store it came from.
 */
import { formatMoney, formatRisk, type MoneyFormat } from '../../core/text/format';

export interface ListedMember {
  email: string;
  name: string;
  company?: string | null | undefined;
  score?: number | null | undefined;
  band: string;
  mrr?: number | null | undefined;
  impact?: string | null | undefined;
}

export function memberLine(
  m: ListedMember,
  money: MoneyFormat,
): { email: string; name: string; detail: string } {
  return {
    email: m.email,
    name: m.name,
    detail: [
      m.company,
      m.score !== undefined && m.score !== null ? formatRisk(m.score, m.band) : undefined,
      m.mrr !== undefined && m.mrr !== null ? `MRR ${formatMoney(m.mrr, money)}` : undefined,
      m.impact,
    ]
      .filter(Boolean)
      .join(' · '),
  };
}
