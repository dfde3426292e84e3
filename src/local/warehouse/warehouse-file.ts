/**
 * A warehouse file: a DuckDB database holding ChurnGuard's customer tables (src/core/sql/schema.ts)
 * and one small table saying what wrote it, so the workbench and the bench can tell a generated
 * warehouse from any other DuckDB file and know its column map without guessing.
 */
import * as fs from 'node:fs';
import { z } from 'zod';

/** The table of facts about the file: one row per key. */
export const META_TABLE = 'churnguard_warehouse';
/**
 * Version 2: every header's raw cell is stored (the sidebar rebuilds the row), with customer_columns.
 * Version 3: the change tables, their latest-state views (which every read now goes through) and the
 * score history; a version 2 file has none of them, so it is refused with the command to regenerate.
 * Version 4: the alerts table keeps the customer, owner and suggested move the scan raised it with
 * (the homepage and the digest show them, as from the Alerts tab). Version 5: the campaign log
 * keeps each recipient's template and language (a warehouse campaign sends the alternative template
 * and the variant its audience chose, as the Campaigns tab does). Version 6: both (two branches
 * took 4 and 5 apart, so neither's cached files hold the other's columns).
 */
export const WAREHOUSE_FORMAT = 'churnguard-warehouse/6';

export const WarehouseMetaSchema = z.object({
  format: z.literal(WAREHOUSE_FORMAT),
  customers: z.coerce.number().int().nonnegative(),
  seed: z.coerce.number().int().nonnegative(),
  /** The customer sheet's headers the table's `col_…` columns come from (columnMapFor). */
  headers: z.string().transform((s, ctx) => {
    try {
      return z.array(z.string()).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'headers is not a JSON list of strings' });
      return z.NEVER;
    }
  }),
  /** The day the risk scores were computed for (YYYY-MM-DD). */
  scoredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type WarehouseMeta = z.infer<typeof WarehouseMetaSchema>;

/**
 * Whether `file` starts like a DuckDB database: its main header carries the magic bytes "DUCK" at
 * offset 8 (DuckDB's storage format). Checked before opening, because DuckDB creates a database
 * where there is none and refuses other files only with a low-level error.
 */
export function looksLikeDuckDb(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(12);
    const read = fs.readSync(fd, head, 0, 12, 0);
    return read === 12 && head.toString('latin1', 8, 12) === 'DUCK';
  } finally {
    fs.closeSync(fd);
  }
}

/** The meta table's rows (key, value) as the file's facts, or an error saying what is wrong. */
export function parseWarehouseMeta(
  rows: readonly (readonly unknown[])[],
  file: string,
): { ok: true; meta: WarehouseMeta } | { ok: false; message: string } {
  const parsed = WarehouseMetaSchema.safeParse(Object.fromEntries(rows.map(([k, v]) => [String(k), v])));
  if (parsed.success) return { ok: true, meta: parsed.data };
  const format = rows.find(([k]) => String(k) === 'format')?.[1];
  if (typeof format === 'string' && format.startsWith('churnguard-warehouse/'))
    return {
      ok: false,
      message: `${file} was written by an older ChurnGuard (${format}; this one reads ${WAREHOUSE_FORMAT}). Write it again: npm run warehouse -- generate --customers N --out ${file} --force`,
    };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `${file}: its ${META_TABLE} table is not one this version of ChurnGuard wrote (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
  };
}
