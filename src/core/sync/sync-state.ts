/**
 * The source sync's state between runs, kept as JSON in the user's properties (9 KB a value): the
 * cursor into the source query's results, the counts, the first problems and the last success, so
 * Settings can say where it stands and a killed run resumes where the last saved page ended.
 */
import * as z from '../zod';

/** Problems kept word for word (the rest are counted): keeps the value far below 9 KB. */
export const KEPT_PROBLEMS = 20;
const PROBLEM_CHARS = 240;

export const SyncStateSchema = z.object({
  /** This sync's id: its query job and load jobs are named from it, so a retried call repeats nothing. */
  id: z.string().check(z.regex(/^[a-z0-9]{1,40}$/)),
  source: z.string(),
  phase: z.enum(['query', 'pages', 'swap', 'done', 'failed']),
  jobId: z.string(),
  location: z.optional(z.string()),
  pageToken: z.optional(z.string()),
  /** Pages staged so far (the next page's number). */
  page: z.number(),
  rowsRead: z.number(),
  totalRows: z.optional(z.number()),
  customers: z.number(),
  headers: z.optional(z.array(z.string())),
  problems: z.array(z.string()),
  problemCount: z.number(),
  runs: z.number(),
  startedMs: z.number(),
  finishedMs: z.optional(z.number()),
  error: z.optional(z.string()),
  /** Runs in a row that ended in an error; the sync fails at MAX_FAILURES, else the next run retries. */
  failures: z.optional(z.number()),
  /** The last sync that swapped its tables in (kept across syncs). */
  lastSuccess: z.optional(z.object({ ms: z.number(), customers: z.number(), tags: z.number() })),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

/** A BigQuery hiccup (a lost answer, a time-out) is retried by the next runs; this many in a row end the sync. */
export const MAX_FAILURES = 3;

export function newSyncState(source: string, id: string, nowMs: number, previous?: SyncState): SyncState {
  return {
    id,
    source,
    phase: 'query',
    jobId: `churnguard_sync_${id}`,
    page: 0,
    rowsRead: 0,
    customers: 0,
    problems: [],
    problemCount: 0,
    runs: 0,
    startedMs: nowMs,
    ...(previous?.lastSuccess ? { lastSuccess: previous.lastSuccess } : {}),
  };
}

/** The state with these problems counted, the first ones kept (each cut to one line's length). */
export function withProblems(state: SyncState, problems: readonly string[]): SyncState {
  const room = Math.max(0, KEPT_PROBLEMS - state.problems.length);
  const kept = problems
    .slice(0, room)
    .map((p) => (p.length > PROBLEM_CHARS ? `${p.slice(0, PROBLEM_CHARS - 1)}…` : p));
  return {
    ...state,
    problems: [...state.problems, ...kept],
    problemCount: state.problemCount + problems.length,
  };
}

export function parseSyncState(json: string | null): SyncState | undefined {
  if (!json) return undefined;
  try {
    const r = SyncStateSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
