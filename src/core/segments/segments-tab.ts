/**
 * Saved segments: the Segments tab ("Segment | Query | Playbook | Description"), one audience per
 * row, usable in the segments card, the campaign wizard and the sidebar's next best move (the
 * first segment a customer is in that names a playbook decides the move, within guard rails).
 */
import { parseMove, type RetentionMove } from '../playbooks/moves';
import { foldText } from './fold';
import { parseQuery, QueryError, type Query } from './query';

export const SEGMENTS_TAB = 'Segments';
export const SEGMENT_HEADERS = ['Segment', 'Query', 'Playbook', 'Description'] as const;

export interface Segment {
  name: string;
  query: Query;
  /** The query as written in the sheet. */
  source: string;
  playbook?: RetentionMove;
  description: string;
  row: number;
}

export interface SegmentsRead {
  segments: Segment[];
  issues: string[];
}

const cellText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')).trim();
const MAX_NAME = 100;

export function readSegments(
  values: readonly unknown[][] | null,
  customerHeaders: readonly string[],
  tab = SEGMENTS_TAB,
): SegmentsRead {
  const segments: Segment[] = [];
  const issues: string[] = [];
  if (!values || values.length === 0) return { segments, issues };
  const header = (values[0] ?? []).map((h) => foldText(cellText(h)));
  const col = (name: string) => header.indexOf(foldText(name));
  const [nameCol, queryCol, playbookCol, descCol] = SEGMENT_HEADERS.map(col) as [
    number,
    number,
    number,
    number,
  ];
  if (nameCol < 0 || queryCol < 0)
    return {
      segments,
      issues: [`${tab}!1: the header row needs Segment and Query (expected ${SEGMENT_HEADERS.join(' | ')})`],
    };
  const letter = (c: number) => String.fromCharCode(65 + c);
  const seen = new Map<string, number>();
  values.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const name = cellText(cells[nameCol]);
    const source = cellText(cells[queryCol]);
    if (!name && !source) return;
    if (!name)
      return void issues.push(`${tab}!${letter(nameCol)}${row} (Segment): the query has no segment name`);
    if (name.length > MAX_NAME)
      return void issues.push(
        `${tab}!${letter(nameCol)}${row} (Segment): longer than ${MAX_NAME} characters`,
      );
    const key = foldText(name);
    const first = seen.get(key);
    if (first !== undefined)
      return void issues.push(
        `${tab}!${letter(nameCol)}${row} (Segment): '${name}' is also row ${first}; row ${first} is used`,
      );
    if (!source)
      return void issues.push(`${tab}!${letter(queryCol)}${row} (Query): segment '${name}' has no query`);
    let query: Query;
    try {
      query = parseQuery(source, customerHeaders);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      return void issues.push(`${tab}!${letter(queryCol)}${row} (Query), character ${e.at}: ${e.message}`);
    }
    seen.set(key, row);
    const playbookText = playbookCol >= 0 ? cellText(cells[playbookCol]) : '';
    const playbook = playbookText ? parseMove(playbookText) : undefined;
    if (playbookText && !playbook)
      issues.push(
        `${tab}!${letter(playbookCol)}${row} (Playbook): unknown move '${playbookText}'; use Payment holiday, Installments, Discount, Upsell, Check-in call, Reactivation, Win-back or None`,
      );
    segments.push({
      name,
      query,
      source,
      ...(playbook ? { playbook } : {}),
      description: descCol >= 0 ? cellText(cells[descCol]) : '',
      row,
    });
  });
  return { segments, issues };
}

/** The segments a new spreadsheet ships, one per crisis situation and retention move. */
export const DEFAULT_SEGMENTS: readonly (readonly string[])[] = [
  [...SEGMENT_HEADERS],
  [
    'Hard hit, worth keeping',
    'Impact in Severe, Hit AND Status = Active AND Band in Medium, High, Critical',
    'Payment holiday',
    'Relief for valuable customers the crisis hurts; guard rails keep it to the top of the value list.',
  ],
  [
    'Struggling to pay',
    'Status = Active AND (Days late > 0 OR Overdue invoices > 0)',
    'Installments',
    'Late payers: spread the balance before it becomes churn.',
  ],
  [
    'Booming, growing',
    'Impact = Booming AND Status = Active AND Band in Low, Medium',
    'Upsell',
    'The crisis grows their business: offer more seats and plans.',
  ],
  [
    'Silent decline',
    'Status = Active AND Usage change <= -30 AND Dormant days < 90',
    'Check-in call',
    'Usage falling fast while still active: call before it turns into churn.',
  ],
  [
    'Dormant 90+ days',
    'Status = Active AND Dormant days >= 90',
    'Reactivation',
    'No activity for three months or more.',
  ],
  [
    'Renewal in 60 days at risk',
    'Status = Active AND Renewal days between 0..60 AND Band in High, Critical',
    'Check-in call',
    'Renewals coming up with high churn risk.',
  ],
  [
    'Recently churned',
    'Status = Churned',
    'Win-back',
    'Customers who left; a win-back offer may bring them back.',
  ],
];
