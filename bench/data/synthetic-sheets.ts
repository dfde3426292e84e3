/**
 * Generated churn sheets whose true churn probabilities are known, so a model's AUC can be read
 * beside the best any model could do (the oracle: ranking rows by the true probability):
 *  - messySaasSheet: a SaaS customer list typed the way people type (money as "$1,234.50", "1234.5"
 *    or "USD 1,234"; dates in ISO, M/D/YYYY and "5 Mar 2026"; "12%"; yes/Y/TRUE), with an ID and a
 *    row-number column;
 *  - interactionSheet: a bank-style table where churn depends on combinations (age × activity,
 *    number of products), which trees can learn and a sum of per-column effects cannot.
 * Seeds 1-99 are for development; HELD_OUT_SEED is only ever used to report, never to tune.
 */
import type { Table } from '../../src/core/risk/model/features';

export const HELD_OUT_SEED = 424_242;
export const AS_OF = new Date('2026-11-20T00:00:00Z');

export interface GeneratedSheet {
  table: Table;
  outcome: string;
  /** The generator's churn probability of each row. */
  truth: number[];
  asOf: Date;
}

function random(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, normal, pick };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function messyDate(d: Date, style: number): string {
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (style === 0) return `${y}-${pad(m)}-${pad(day)}`;
  if (style === 1) return `${m}/${day}/${y}`;
  return `${day} ${MONTHS[m - 1]} ${y}`;
}

function messyMoney(x: number, style: number): string | number {
  const fixed = x.toFixed(2);
  const grouped = fixed.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (style === 0) return `$${grouped}`;
  if (style === 1) return fixed;
  if (style === 2) return `USD ${grouped}`;
  return Math.round(x * 100) / 100;
}

export function messySaasSheet(n: number, seed: number): GeneratedSheet {
  const r = random(seed);
  const rows: unknown[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const mrr = Math.exp(Math.log(300) + r.normal());
    const tenureDays = 30 + Math.floor(r.next() * 1500);
    const idleDays = Math.floor(-Math.log(r.next() + 1e-9) * 25);
    const renewalDays = Math.floor(-20 + r.next() * 385);
    const nps = r.next() < 0.2 ? undefined : Math.floor(r.next() * 11);
    const discount = r.pick([0, 0, 0.1, 0.25]);
    const autoRenew = r.next() < 0.55;
    const plan = r.pick(['Basic', 'Pro', 'Enterprise']);
    const seats = 1 + Math.floor(r.next() * 50);
    const z =
      -1.6 +
      (1.8 * Math.min(idleDays, 120)) / 60 -
      0.6 * Math.log(mrr / 300) -
      (0.9 * Math.min(tenureDays, 720)) / 720 +
      (nps === undefined ? 0.3 : -0.25 * (nps - 6)) -
      0.9 * (autoRenew ? 1 : 0) +
      (renewalDays >= 0 && renewalDays <= 60 ? 0.9 : 0) +
      2 * discount +
      (plan === 'Basic' ? 0.4 : plan === 'Enterprise' ? -0.4 : 0);
    const p = sigmoid(z);
    truth.push(p);
    const style = Math.floor(r.next() * 3);
    rows.push([
      i + 1,
      `C-${String(100000 + i)}`,
      messyMoney(mrr, Math.floor(r.next() * 4)),
      messyDate(new Date(AS_OF.getTime() - tenureDays * DAY), style),
      r.next() < 0.03 ? '' : messyDate(new Date(AS_OF.getTime() - idleDays * DAY), Math.floor(r.next() * 3)),
      messyDate(new Date(AS_OF.getTime() + renewalDays * DAY), style),
      nps === undefined ? '' : r.next() < 0.5 ? nps : String(nps),
      `${Math.round(discount * 100)}%`,
      autoRenew ? r.pick(['yes', 'Y', 'TRUE']) : r.pick(['no', 'N', 'FALSE']),
      plan,
      seats,
      r.next() < p ? 'Yes' : 'No',
    ]);
  }
  return {
    table: {
      headers: [
        'RowNumber',
        'Customer ID',
        'MRR',
        'Customer since',
        'Last login',
        'Renewal date',
        'NPS',
        'Discount',
        'Auto-renew',
        'Plan',
        'Seats',
        'Churned',
      ],
      rows,
    },
    outcome: 'Churned',
    truth,
    asOf: AS_OF,
  };
}

export function interactionSheet(n: number, seed: number): GeneratedSheet {
  const r = random(seed);
  const rows: unknown[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const age = 18 + Math.floor(r.next() * 62);
    const products = r.pick([1, 1, 1, 2, 2, 2, 3, 4]);
    const active = r.next() < 0.5;
    const balance = r.next() < 0.35 ? 0 : Math.round(50_000 + r.next() * 150_000);
    const geography = r.pick(['France', 'Germany', 'Spain']);
    const creditScore = Math.round(550 + r.normal() * 90);
    const middleAged = age >= 42 && age <= 62;
    const z =
      -2.4 +
      (middleAged && !active ? 2.6 : 0) +
      (products >= 3 ? 3.2 : products === 2 ? -1.2 : 0) +
      (products === 1 && balance > 0 && geography === 'Germany' ? 1.4 : 0) +
      (age < 30 && active ? -1 : 0);
    const p = sigmoid(z);
    truth.push(p);
    rows.push([
      i + 1,
      15_600_000 + i * 7,
      age,
      products,
      active ? 1 : 0,
      balance,
      geography,
      creditScore,
      r.next() < p ? 1 : 0,
    ]);
  }
  return {
    table: {
      headers: [
        'RowNumber',
        'CustomerId',
        'Age',
        'NumOfProducts',
        'IsActiveMember',
        'Balance',
        'Geography',
        'CreditScore',
        'Exited',
      ],
      rows,
    },
    outcome: 'Exited',
    truth,
    asOf: AS_OF,
  };
}
