/**
 * The source sync's state between runs, kept as JSON in the user's properties (9 KB a value): the
 * cursor into the source query's results, the counts, the first problems and the last success, so
 * Settings can say where it stands and a killed run resumes where the last saved page ended.
 */

/** Problems kept word for word (the rest are counted): keeps the value far below 9 KB. */
export const KEPT_PROBLEMS = 20;

/** Written only by this job (a person never edits user properties), so parsing checks the shape's key fields. */
export interface SyncState {
  /** This sync's id: its query job and load jobs are named from it, so a retried call repeats nothing. */
  id: string;
  source: string;
  phase: 'query' | 'pages' | 'swap' | 'done' | 'failed';
  jobId: string;
  location?: string;
  pageToken?: string;
  /** Pages staged so far (the next page's number). */
  page: number;
  rowsRead: number;
  totalRows?: number;
  customers: number;
  headers?: string[];
  problems: string[];
  problemCount: number;
  runs: number;
  startedMs: number;
  finishedMs?: number;
  error?: string;
  /** Runs in a row that ended in an error; the sync fails at MAX_FAILURES, else the next run retries. */
  failures?: number;
  /** The last sync that swapped its tables in (kept across syncs). */
  lastSuccess?: { ms: number; customers: number };
}

/** A BigQuery hiccup (a lost answer, a time-out) is retried by the next runs; this many in a row end the sync. */
export const MAX_FAILURES = 3;

export function newSyncState(source: string, id: string, nowMs: number, previous?: SyncState): SyncState {
  return {
    id,
    source,
    phase: 'query',
    jobId: `cg_sync_${id}`,
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
  const kept = problems.slice(0, room);
  return {
    ...state,
    problems: [...state.problems, ...kept],
    problemCount: state.problemCount + problems.length,
  };
}

export function parseSyncState(json: string | null): SyncState | undefined {
  try {
    const s = JSON.parse(json ?? 'null') as Partial<SyncState> | null;
    return s && typeof s.jobId === 'string' && typeof s.page === 'number' && Array.isArray(s.problems)
      ? (s as SyncState)
      : undefined;
  } catch {
    return undefined;
  }
}
