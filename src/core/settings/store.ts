/**
 * Where the customers are read from: the connected Google Sheet's customer tab (the default) or a
 * BigQuery table ChurnGuard loaded (issue 21). The spreadsheet stays connected either way: its other
 * tabs (Segments, Templates, Impact rules, Notes, Campaigns) are the team's configuration, and
 * switching back to the sheet loses nothing.
 */
import * as z from '../zod';

/** Project IDs: 6-30 lowercase letters, digits or hyphens, a letter first, no hyphen last. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Dataset IDs: letters, digits and underscores, at most 1,024 characters. */
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;
/** The customers table: a name the SQL compiler puts between backticks (schema.ts `identifier`). */
const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const DEFAULT_WAREHOUSE_TABLE = 'customers';

/**
 * The team's own table or view the sync reads (`project.dataset.table`): a project ID, a dataset ID
 * and a table ID of letters, digits, underscores and hyphens (https://cloud.google.com/bigquery/docs/tables#table_naming
 * allows more; these are the names that can be put between backticks without escaping anything).
 */
const SOURCE_TABLE = /^([a-z][a-z0-9-]{4,28}[a-z0-9])\.([A-Za-z0-9_]{1,1024})\.([A-Za-z0-9_-]{1,1024})$/;

export const StoreSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sheet') }),
  z.object({
    kind: z.literal('bigquery'),
    projectId: z.string().check(z.regex(PROJECT_ID)),
    datasetId: z.string().check(z.regex(DATASET_ID)),
    table: z.optional(z.string().check(z.regex(TABLE_NAME))),
    /** Empty: the tables are loaded already. Else the sync builds them from this table or view. */
    source: z.optional(z.string().check(z.regex(SOURCE_TABLE))),
  }),
]);
export type StoreSettings = z.infer<typeof StoreSettingsSchema>;
export type BigQueryStore = Extract<StoreSettings, { kind: 'bigquery' }>;

export const SHEET_STORE: StoreSettings = { kind: 'sheet' };

/** Why a project ID is not one, in the words of the rule it breaks; null when it is fine. */
export function projectIdProblem(id: string): string | null {
  if (id === '') return 'is empty';
  if (/[A-Z]/.test(id)) return 'has capital letters (project IDs are lower case)';
  if (!/^[a-z0-9-]*$/.test(id)) return 'may hold only lower-case letters, digits and hyphens';
  if (id.length < 6 || id.length > 30) return `is ${id.length} characters long (6 to 30)`;
  if (!/^[a-z]/.test(id)) return 'must start with a letter';
  if (id.endsWith('-')) return 'must not end with a hyphen';
  return PROJECT_ID.test(id) ? null : 'is not a Google Cloud project ID';
}

export function datasetIdProblem(id: string): string | null {
  if (id === '') return 'is empty';
  if (id.length > 1024) return `is ${id.length} characters long (at most 1,024)`;
  if (!DATASET_ID.test(id))
    return 'may hold only letters, digits and underscores (no hyphens, dots or spaces)';
  return null;
}

export function tableNameProblem(name: string): string | null {
  return TABLE_NAME.test(name)
    ? null
    : 'must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 63)';
}

/** Why a source is not `project.dataset.table`, naming the part that is wrong; null when it is fine. */
export function sourceTableProblem(source: string): string | null {
  const [project = '', dataset = ''] = source.split('.');
  return SOURCE_TABLE.test(source)
    ? null
    : `is not project.dataset.table (the project ID ${projectIdProblem(project) ?? 'is fine'}, the dataset ID ${datasetIdProblem(dataset) ?? 'is fine'}; a table name holds letters, digits, _ and -)`;
}

/**
 * The store from the Settings form, or which field is wrong and why. An empty table means the
 * loader's default name, `customers`.
 */
export function parseStoreForm(form: {
  kind: string;
  projectId: string;
  datasetId: string;
  table: string;
  source?: string;
}): { ok: true; store: StoreSettings } | { ok: false; reason: string } {
  if (form.kind !== 'bigquery') return { ok: true, store: SHEET_STORE };
  const projectId = form.projectId.trim();
  const datasetId = form.datasetId.trim();
  const table = form.table.trim();
  const bad = (field: string, value: string, problem: string) => ({
    ok: false as const,
    reason: `Customer store: the BigQuery ${field} "${value}" ${problem}.`,
  });
  const p = projectIdProblem(projectId);
  if (p) return bad('project ID', projectId, p);
  const d = datasetIdProblem(datasetId);
  if (d) return bad('dataset ID', datasetId, d);
  const t = table ? tableNameProblem(table) : null;
  if (t) return bad('table name', table, t);
  const source = (form.source ?? '').trim();
  const s = source ? sourceTableProblem(source) : null;
  if (s) return bad('source table or view', source, s);
  if (source && table && table !== DEFAULT_WAREHOUSE_TABLE)
    return {
      ok: false,
      reason: `Customer store: a source table or view is synced into ChurnGuard's own ${DEFAULT_WAREHOUSE_TABLE} table, so leave the table name empty (it says "${table}").`,
    };
  return {
    ok: true,
    store: {
      kind: 'bigquery',
      projectId,
      datasetId,
      ...(table && table !== DEFAULT_WAREHOUSE_TABLE ? { table } : {}),
      ...(source ? { source } : {}),
    },
  };
}

/** `project.dataset.table`, as BigQuery's console names it. */
export function storeTableName(store: BigQueryStore): string {
  return `${store.projectId}.${store.datasetId}.${store.table ?? DEFAULT_WAREHOUSE_TABLE}`;
}
