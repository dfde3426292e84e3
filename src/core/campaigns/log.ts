/**
 * The Campaigns tab: one row per recipient per campaign, keyed by (campaign id, email). It is the
 * source of truth for exactly-once sending: a recipient is marked "sending" before the email goes
 * and "sent" after, so a run that dies in between leaves a mark the next run turns into "review"
 * instead of sending again. Rows are found by key, never by position, because people sort, filter
 * and insert rows in their sheets whenever they like.
 */
import { normaliseEmail } from '../email/address';
import { sameHeader } from '../sheet/columns';

export const CAMPAIGNS_TAB = 'Campaigns';
/**
 * Where the hourly trigger moves the rows of campaigns that ended long ago, so the Campaigns tab
 * stays small; outcomes ("what works") and a finished campaign's card still read them here.
 */
export const CAMPAIGNS_ARCHIVE_TAB = 'Campaigns archive';

export const RECIPIENT_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'review',
  'excluded',
  'holdout',
  'cancelled',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Statuses that end a recipient's story in this campaign. */
export const FINAL_STATUSES: ReadonlySet<RecipientStatus> = new Set([
  'sent',
  'failed',
  'excluded',
  'holdout',
  'cancelled',
]);

export const LOG_HEADERS = [
  'Campaign ID',
  'Campaign',
  'Email',
  'Name',
  'Group',
  'Status',
  'Updated',
  'Detail',
  'Template',
  'Language',
] as const;
export type LogColumn = (typeof LOG_HEADERS)[number];
/**
 * Columns added after the tab was in use, always at the end of LOG_HEADERS: a tab without them still
 * reads (their index is -1), a new tab gets them, and an older tab gets one's header the first time an
 * appended row has a value for it (src/gas/campaign-log.ts).
 */
export const OPTIONAL_LOG_HEADERS: ReadonlySet<LogColumn> = new Set<LogColumn>(['Template', 'Language']);

export interface LogEntry {
  campaignId: string;
  campaign: string;
  email: string;
  name: string;
  /** 'emailed' recipients get the email; the 'holdout' group is kept back to measure the effect. */
  group: 'emailed' | 'holdout';
  status: RecipientStatus;
  updated?: Date;
  /** Why: the exclusion reason, the error, or the review note. */
  detail: string;
  /** The template this recipient gets when not the campaign's (a guard rail gave them the alternative). */
  template?: string;
  /** The template variant's language the recipient gets (chosen at audience time), e.g. "kk". */
  language?: string;
}

/** A recipient's row as the tab holds it now. */
export interface LoggedRecipient extends LogEntry {
  /** 1-based sheet row, valid only until the next edit of the tab. */
  row: number;
}

export const recipientKey = (campaignId: string, email: string) =>
  `${campaignId}\u0000${normaliseEmail(email)}`;

export interface LogRead {
  recipients: LoggedRecipient[];
  /** Rows that could not be read, with their cell ("Campaigns!F7 (Status): unknown status 'snet'"). */
  issues: string[];
  /** Column index (0-based) of each header, for writing back. */
  columns: Record<LogColumn, number>;
}

/** Where each log column is in a header row, or null when one is missing. */
export function logColumns(headers: readonly unknown[]): Record<LogColumn, number> | null {
  const out = {} as Record<LogColumn, number>;
  for (const h of LOG_HEADERS) {
    const i = headers.findIndex((x) => sameHeader(x, h));
    if (i < 0 && !OPTIONAL_LOG_HEADERS.has(h)) return null;
    out[h] = i;
  }
  return out;
}

const letter = (i: number) => String.fromCharCode(65 + (i % 26));

/** Parses the tab (header first). Rows of other campaigns are kept: the caller filters. */
export function readLog(values: readonly unknown[][], tab = CAMPAIGNS_TAB): LogRead {
  const headers = values[0] ?? [];
  const columns = logColumns(headers);
  if (!columns) {
    if (values.length === 0) return { recipients: [], issues: [], columns: defaultColumns() };
    throw headerError(headers, tab);
  }
  return readLogRows(
    columns,
    values.slice(1).map((values, i) => ({ row: i + 2, values })),
    tab,
  );
}

/** The missing-header error of a tab whose header row lacks a log column. */
export function headerError(headers: readonly unknown[], tab = CAMPAIGNS_TAB): Error {
  const missing = LOG_HEADERS.filter(
    (h) => !OPTIONAL_LOG_HEADERS.has(h) && !headers.some((x) => sameHeader(x, h)),
  );
  return new Error(
    `The "${tab}" tab is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Put the header row back (${LOG_HEADERS.join(', ')}, in row 1) with Edit → Undo or by typing it; ChurnGuard sends nothing until it is there. Do not delete the tab: it is the only record of who was emailed.`,
  );
}

/**
 * Parses some rows of the tab (each with its 1-based sheet row), under a header already checked: a
 * card reads one campaign's rows, found by TextFinder, instead of the whole tab.
 */
export function readLogRows(
  columns: Record<LogColumn, number>,
  rows: readonly { row: number; values: readonly unknown[] }[],
  tab = CAMPAIGNS_TAB,
): LogRead {
  const recipients: LoggedRecipient[] = [];
  const issues: string[] = [];
  rows.forEach(({ row, values: r }) => {
    const get = (c: LogColumn) => (columns[c] < 0 ? undefined : r[columns[c]]);
    const campaignId = String(get('Campaign ID') ?? '').trim();
    const email = normaliseEmail(String(get('Email') ?? ''));
    if (!campaignId && !email) return;
    const status = String(get('Status') ?? '')
      .trim()
      .toLowerCase() as RecipientStatus;
    if (!RECIPIENT_STATUSES.includes(status)) {
      issues.push(
        `${tab}!${letter(columns.Status)}${row} (Status): unknown status '${String(get('Status') ?? '')}'; statuses are ${RECIPIENT_STATUSES.join(', ')}`,
      );
      return;
    }
    const updated = get('Updated');
    recipients.push({
      row,
      campaignId,
      campaign: String(get('Campaign') ?? ''),
      email,
      name: String(get('Name') ?? ''),
      group:
        String(get('Group') ?? '')
          .trim()
          .toLowerCase() === 'holdout'
          ? 'holdout'
          : 'emailed',
      status,
      ...(updated instanceof Date ? { updated } : updated ? { updated: new Date(String(updated)) } : {}),
      detail: String(get('Detail') ?? ''),
      ...((t) => (t ? { template: t } : {}))(String(get('Template') ?? '').trim()),
      ...(String(get('Language') ?? '').trim() ? { language: String(get('Language')).trim() } : {}),
    });
  });
  return { recipients, issues, columns };
}

export function defaultColumns(): Record<LogColumn, number> {
  return Object.fromEntries(LOG_HEADERS.map((h, i) => [h, i])) as Record<LogColumn, number>;
}

/** A new row for the tab, in LOG_HEADERS order. */
export function logRow(e: LogEntry): unknown[] {
  return [
    e.campaignId,
    e.campaign,
    e.email,
    e.name,
    e.group,
    e.status,
    e.updated ?? '',
    e.detail,
    e.template ?? '',
    e.language ?? '',
  ];
}

/** When each address was last sent a campaign email, over every campaign in the log (for the cool-down). */
export function lastEmailedAt(recipients: readonly LoggedRecipient[]): Map<string, Date> {
  const last = new Map<string, Date>();
  for (const r of recipients) {
    if (r.status !== 'sent' || !r.updated) continue;
    const before = last.get(r.email);
    if (!before || before < r.updated) last.set(r.email, r.updated);
  }
  return last;
}
