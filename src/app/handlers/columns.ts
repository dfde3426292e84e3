/**
 * Settings → Map columns. Reads only the header row (one call, whatever the sheet's size), shows
 * what was recognised, and saves the user's choices as the column mapping after checking them
 * against the same header row, so a mapping that cannot work is never saved.
 */
import {
  CUSTOMER_FIELDS,
  FIELD_HEADERS,
  mapColumns,
  MappingError,
  type ColumnMapping,
  type CustomerField,
  type MappingReport,
} from '../../core/sheet/columns';
import type { ActionResponse } from '../../ui/card/types';
import {
  AUTOMATIC,
  columnInputName,
  columnsCard,
  NOT_IN_SHEET,
  type ColumnRow,
  type ColumnsState,
} from '../../ui/cards/columns';
import type { AppContext } from '../context';
import { requireConnected } from '../connected';
import { formValue, type AddonEvent } from '../events';
import { saveSettings } from '../settings-store';
import { withSheet } from '../sheet-errors';

/** Field labels where the default header is an example rather than a name ("Logins this month"). */
const LABELS: Partial<Record<CustomerField, string>> = {
  activityThisPeriod: 'Activity this period (logins, sessions…)',
  activityLastPeriod: 'Activity last period',
  mrr: 'MRR (monthly revenue)',
  arr: 'ARR (annual revenue, if no MRR)',
  nps: 'NPS (0-10)',
  csat: 'CSAT',
  impact: 'Crisis impact (manual override)',
};

const texts = (headers: readonly unknown[]) => headers.map((h) => String(h ?? '').trim());

function state(
  tab: string,
  headers: readonly unknown[],
  mapping: ColumnMapping,
  error?: string,
): ColumnsState {
  const names = texts(headers);
  let report: MappingReport | null = null;
  let problem = error;
  try {
    report = mapColumns(headers, mapping);
  } catch (e) {
    if (!(e instanceof MappingError)) throw e;
    problem ??= e.message;
  }
  const rows: ColumnRow[] = CUSTOMER_FIELDS.map((field) => {
    const label = LABELS[field] ?? FIELD_HEADERS[field];
    if (!report) {
      // The mapping cannot work as a whole (no email column): still show each choice as made.
      const chosen = mapping[field];
      if (chosen === null) return { field, label, status: 'off' };
      return chosen
        ? { field, label, header: chosen, status: 'mapped' }
        : { field, label, status: 'missing' };
    }
    if (report.disabled.includes(field)) return { field, label, status: 'off' };
    const hit = report.recognised.find((r) => r.field === field);
    if (!hit) return { field, label, status: 'missing' };
    return { field, label, header: hit.header, status: hit.explicit ? 'mapped' : 'auto' };
  });
  return {
    tab,
    rows,
    headers: names.filter(Boolean),
    unused: report?.unmapped ?? [],
    conflicts: (report?.conflicts ?? []).map(
      (c) => `${FIELD_HEADERS[c.field]}: reads "${c.used}", ignores "${c.ignored}"`,
    ),
    ...(problem ? { error: problem } : {}),
  };
}

export function openColumns(ctx: AppContext): ActionResponse {
  const { settings, sheet } = requireConnected(ctx);
  const headers = withSheet(() => sheet.readHeaders());
  const card = columnsCard(state(settings.customerSheet, headers, settings.mapping ?? {}));
  return { kind: 'navigate', steps: [{ kind: 'push', card }] };
}

/** The mapping the form asks for: automatic fields are left out, switched-off ones map to null. */
export function mappingFromForm(event: AddonEvent): { mapping: ColumnMapping; error?: string } {
  const mapping: ColumnMapping = {};
  const byHeader = new Map<string, CustomerField>();
  for (const field of CUSTOMER_FIELDS) {
    const value = formValue(event, columnInputName(field));
    if (value === AUTOMATIC) continue;
    if (value === NOT_IN_SHEET) {
      mapping[field] = null;
      continue;
    }
    const other = byHeader.get(value);
    if (other)
      return {
        mapping,
        error: `"${value}" is chosen for both ${FIELD_HEADERS[other]} and ${FIELD_HEADERS[field]}; a column can feed one field.`,
      };
    byHeader.set(value, field);
    mapping[field] = value;
  }
  return { mapping };
}

export function saveColumns(ctx: AppContext, event: AddonEvent): ActionResponse {
  const { settings, sheet } = requireConnected(ctx);
  const headers = withSheet(() => sheet.readHeaders());
  const again = (mapping: ColumnMapping, error: string): ActionResponse => ({
    kind: 'navigate',
    steps: [{ kind: 'update', card: columnsCard(state(settings.customerSheet, headers, mapping, error)) }],
  });
  const { mapping, error } = mappingFromForm(event);
  if (error) return again(mapping, error);
  let report: MappingReport;
  try {
    report = mapColumns(headers, mapping);
  } catch (e) {
    if (e instanceof MappingError) return again(mapping, e.message);
    throw e;
  }
  const chosen = Object.keys(mapping).length;
  saveSettings(ctx.userStore, { ...settings, mapping: chosen ? mapping : undefined });
  return {
    kind: 'navigate',
    steps: [{ kind: 'pop' }],
    notification: `Columns saved: ${report.recognised.length} fields read${chosen ? `, ${chosen} set by you` : ''}.`,
    stateChanged: true,
  };
}
